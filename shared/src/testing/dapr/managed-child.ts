import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A child process whose output is kept (the last 200 KB) for the error messages of a failed test. */
export interface ManagedChild {
  readonly child: ChildProcess;
  output(): string;
  running(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const KEEP = 200_000;

export function startChild(command: string, args: string[], env: Record<string, string>): ManagedChild {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEEP);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = once(child, 'exit');
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    running,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers `status`; rejects with the process's output when it exits or the time runs out. */
export async function waitForStatus(process: ManagedChild, name: string, url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (!process.running()) throw new Error(`${name} exited (${process.child.exitCode ?? process.child.signalCode}):\n${process.output().slice(-5_000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === status) return;
      last = `answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(50);
  }
  throw new Error(`${name}: ${url} did not answer ${status} within ${timeoutMs} ms (${last}):\n${process.output().slice(-5_000)}`);
}
