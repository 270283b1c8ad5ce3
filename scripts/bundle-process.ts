import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { freePort } from '../bench/spawn-function';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A function bundle run as its pod runs it: `node dist/<name>/main.mjs`, its output kept. */
export interface BundleProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly spawnedAt: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once `GET /ready` answers 200; rejects if the process exits first or `timeoutMs` passes. */
  ready(timeoutMs?: number): Promise<void>;
  /** Resolves when a line containing `text` has been written. */
  printed(text: string, timeoutMs?: number): Promise<void>;
  /** The exit, or null when it did not come within `timeoutMs` (the process is then killed). */
  exit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number } | null>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function spawnBundle(options: { root: string; name: string; env: Record<string, string>; port?: number }): Promise<BundleProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), `bundle-${options.name}-`));
  const spawnedAt = performance.now();
  const child = spawn(join(options.root, 'node_modules/.bin/node'), [join(options.root, 'dist', options.name, 'main.mjs')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', SERVICE_NAME: options.name, DATA_DIR: dataDir, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // 'close' (not 'exit'): stdout and stderr have ended too, so `output` holds everything it printed.
  const exited = once(child, 'close').then(() => {
    rmSync(dataDir, { recursive: true, force: true });
    return performance.now();
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;

  return {
    child,
    url,
    spawnedAt,
    output: () => output,
    async ready(timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        if (!running()) {
          await exited;
          throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
        }
        const status = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) }).then(
          async (response) => (await response.arrayBuffer(), response.status),
          () => 0,
        );
        if (status === 200) return;
        await sleep(10);
      }
      throw new Error(`${options.name} was not ready within ${timeoutMs} ms:\n${output}`);
    },
    async printed(text, timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      while (!output.includes(text)) {
        if (!running() || performance.now() > deadline) throw new Error(`${options.name} did not print "${text}":\n${output}`);
        await sleep(2);
      }
    },
    async exit(timeoutMs) {
      const late = sleep(timeoutMs).then(() => null);
      const at = await Promise.race([exited, late]);
      if (at === null) {
        child.kill('SIGKILL');
        await exited;
        return null;
      }
      return { code: child.exitCode, signal: child.signalCode, ms: at };
    },
  };
}

/** A TCP proxy to a server, which can be cut (every connection reset, new ones refused) or made to swallow connections. */
export interface TcpProxy {
  readonly port: number;
  /** Ends every open connection and resets new ones until `restore`: the server is gone. */
  cut(): Promise<void>;
  /** Accepts connections but passes nothing on: the server hangs. */
  swallow(): void;
  /** After a cut: passes new connections on again (the server is back). */
  restore(): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let swallowing = false;
  let down = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server: Server = createServer((client) => {
    track(client);
    if (down) return void client.destroy();
    if (swallowing) return;
    const upstream = createConnection(target);
    track(upstream);
    client.pipe(upstream).pipe(client);
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port: address.port,
    async cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    swallow: () => {
      swallowing = true;
    },
    restore: () => {
      down = false;
    },
    close,
  };
}

