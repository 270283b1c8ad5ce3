import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** `<logDir>/<name>.log` (appended) and `<logDir>/<name>.pid`. */
  logDir: string;
  /** Answers 200 when the process is ready. */
  readyUrl: string;
}

/** A child process that can be killed and started again with the same command, environment and port. */
export interface ManagedProcess {
  readonly name: string;
  pid(): number | undefined;
  start(): Promise<void>;
  /**
   * Sends `signal` and waits for the exit. A process still there after STOP_TIMEOUT_MS is killed and
   * the stop fails with the end of its log.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(signal?: NodeJS.Signals): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
/** Above the runtime's own stop deadline (10 s): a process still running then is hanging. */
const STOP_TIMEOUT_MS = 12_000;

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function managedProcess(spec: ProcessSpec): ManagedProcess {
  let child: ChildProcess | null = null;
  const pidFile = join(spec.logDir, `${spec.name}.pid`);

  async function waitUntilReady(process: ChildProcess): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < READY_TIMEOUT_MS) {
      if (process.exitCode !== null || process.signalCode !== null) {
        throw new Error(`${spec.name} exited (${process.exitCode ?? process.signalCode}) before it was ready; see ${join(spec.logDir, `${spec.name}.log`)}`);
      }
      const ready = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(3_000) }).then(
        async (response) => (await response.arrayBuffer(), response.status === 200),
        () => false,
      );
      if (ready) return;
      await sleep(100);
    }
    throw new Error(`${spec.name} not ready within ${READY_TIMEOUT_MS / 1000} s (${spec.readyUrl})`);
  }

  const managed: ManagedProcess = {
    name: spec.name,
    pid: () => child?.pid,
    async start() {
      if (child) throw new Error(`${spec.name} is already running`);
      const log = createWriteStream(join(spec.logDir, `${spec.name}.log`), { flags: 'a' });
      await once(log, 'open');
      const started = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', log, log] });
      child = started;
      started.once('exit', () => {
        if (child === started) child = null;
        log.end();
      });
      if (started.pid) writeFileSync(pidFile, `${started.pid}\n`);
      await waitUntilReady(started);
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill(signal);
      let hung = false;
      const force = setTimeout(() => {
        hung = true;
        running.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(force);
      rmSync(pidFile, { force: true });
      if (hung) throw new Error(`${spec.name} did not exit within ${STOP_TIMEOUT_MS / 1000} s of ${signal} and was killed; the end of its log:\n${tail(join(spec.logDir, `${spec.name}.log`))}`);
    },
    async restart(signal) {
      await managed.stop(signal);
      await managed.start();
    },
  };
  return managed;
}
