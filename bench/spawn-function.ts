import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Below Linux's ephemeral range (32768-60999): no outgoing connection takes a port from here. */
const PORTS = { from: 20_000, to: 32_767 };

function tryListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on 127.0.0.1 (closed again before it is returned), chosen below the ephemeral range:
 * a port the kernel hands out for `listen(0)` may meanwhile become the local port of some outgoing
 * connection, and the process started on it later fails with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORTS.from + Math.floor(Math.random() * (PORTS.to - PORTS.from + 1));
    if (await tryListen(port)) return port;
  }
  throw new Error(`no free port between ${PORTS.from} and ${PORTS.to}`);
}

export interface SpawnReadyOptions {
  node: string;
  bundle: string;
  env: Record<string, string>;
  /** Poll interval for `GET /ready`. */
  pollMs: number;
  timeoutMs: number;
}

/** Stops a child with SIGTERM, and SIGKILL when it is still there 10 s later. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Spawns a function bundle and returns the milliseconds from spawn to the first 200 from `GET /ready`; the process is stopped again. */
export async function spawnUntilReady(options: SpawnReadyOptions): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(options.node, [options.bundle], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  try {
    while (performance.now() - started < options.timeoutMs) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready: ${stderr.trim()}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        async (response) => (await response.arrayBuffer(), response.status === 200),
        () => false,
      );
      if (ready) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
    throw new Error(`not ready within ${options.timeoutMs} ms: ${stderr.trim()}`);
  } finally {
    await stopProcess(child);
  }
}
