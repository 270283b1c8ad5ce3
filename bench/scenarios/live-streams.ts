import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEventPath } from '#shared/testing/test-event-path';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { freePort, stopProcess } from '../spawn-function';
import { round1, summarize } from '../stats';
import type { FromClient, ToClient } from './live-streams-client';
import { freshDatabase } from '../fresh-database';

/** The goal: this many streams open on one chat instance, in less memory than this, with an event on its page within this p99. */
/** The issue's goal: 300 MB is 300,000,000 bytes (286.1 MiB, the unit RSS is read in). */
export const LIVE_STREAMS_GOAL = { streams: 10_000, memoryBytes: 300_000_000, p99Ms: 50 };
const MiB = 2 ** 20;


interface Memory {
  rssMiB: number;
  heapUsedMiB: number;
  /** Open HTTP connections as the chat process counts them (its streams among them). */
  connections: number;
  /** The 1-minute load average when it was read. */
  load: number;
}

/**
 * A full garbage collection in the chat process, through its inspector (the DevTools protocol's
 * `HeapProfiler.collectGarbage`): so heapUsed is the memory still held, not garbage not yet collected.
 */
async function collectGarbage(inspectorPort: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to HeapProfiler.collectGarbage within 60 s')), 60_000);
      socket.addEventListener('open', () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
      socket.addEventListener('message', (message) => {
        if ((JSON.parse(String(message.data)) as { id?: number }).id !== 1) return;
        clearTimeout(timer);
        resolve();
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error('the inspector connection failed'));
      });
    });
  } finally {
    socket.close();
  }
}

/** The chat process's memory after a full collection: VmRSS from /proc (the kernel's figure), heapUsed and connections from its /metrics. */
async function memoryOf(pid: number, url: string, inspectorPort: number): Promise<Memory> {
  await collectGarbage(inspectorPort);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
  return { rssMiB: round1(rssKiB / 1024), heapUsedMiB: round1(gauge('nodejs_heap_size_used_bytes') / MiB), connections: gauge('http_active_connections'), load: round1(loadavg()[0]!) };
}

async function waitReady(child: ChildProcess, url: string, stderr: () => string, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the chat process exited with ${child.exitCode}: ${stderr()}`);
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the chat process was not ready within ${timeoutMs / 1000} s: ${stderr()}`);
}

/** The client process as a queue of its messages, with a timeout per wait. */
function clientChannel(child: ChildProcess) {
  const inbox: FromClient[] = [];
  let wake: (() => void) | null = null;
  child.on('message', (message: FromClient) => {
    if (message.type === 'progress') console.log(`  streams open: ${message.open.toLocaleString('en')} after ${(message.elapsedMs / 1000).toFixed(1)} s`);
    else inbox.push(message);
    wake?.();
  });
  child.on('exit', () => wake?.());
  return {
    send: (message: ToClient) => child.send(message),
    async next<T extends FromClient['type']>(type: T, timeoutMs: number): Promise<Extract<FromClient, { type: T }>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const message = inbox.shift();
        if (message?.type === 'error') throw new Error(`the client process failed: ${message.message}`);
        if (message?.type === type) return message as Extract<FromClient, { type: T }>;
        if (message) continue;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the client process ended before '${type}'`);
        if (Date.now() > deadline) throw new Error(`no '${type}' from the client process within ${timeoutMs / 1000} s`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1_000);
        });
        wake = null;
      }
    },
  };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N open live streams on one chat process (`BENCH_STREAMS`, default 10,000), one per user, each opened
 * as a page opens it (ticket, then `GET /stream?ticket=`) by a client in a process of its own; the chat
 * (its bundle, built from the current source) runs alone in its process on a fresh database of the
 * Postgres server, with the live fan-out over LISTEN/NOTIFY as in the cluster. Its memory is read with
 * 0 and N streams open, each time after a full garbage collection (through its inspector); then task events are delivered to its `POST /events`, as the event path does,
 * for `BENCH_LIVE_EVENTS` users (default 200), one every 50 ms, and each is timed from the request to
 * the moment its user's stream shows it, while all N streams stay open.
 */
export const liveStreamsScenario: BenchScenario = {
  name: 'live-streams',
  async run({ config, root }) {
    const streams = Number(process.env.BENCH_STREAMS ?? LIVE_STREAMS_GOAL.streams);
    const events = Number(process.env.BENCH_LIVE_EVENTS ?? 200);
    const everyMs = 50;
    const serverUrl = config.databaseUrl ?? 'postgres://todo:todo@127.0.0.1:25432/todo';
    const runDir = mkdtempSync(join(tmpdir(), 'bench-live-'));
    const secret = randomBytes(32).toString('hex');
    const eventPath = await testEventPath(async () => Promise.reject(new Error('no user tokens on /events here')));
    const keys = await eventPath.serveKeys();
    let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
    let chat: ChildProcess | undefined;
    let client: ChildProcess | undefined;
    try {
      console.log('  building the chat bundle from the current source');
      // The bundle of what is checked out now, built as npm run build builds every bundle.
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore', timeout: 300_000 });
      const bundle = join(root, 'dist', 'chat', 'main.mjs');
      database = await freshDatabase(serverUrl, 'live', 'live-streams');
      const port = await freePort();
      const inspectorPort = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;
      chat = spawn(node, [`--inspect=127.0.0.1:${inspectorPort}`, bundle], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          SERVICE_NAME: 'chat',
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          DATA_DIR: join(runDir, 'data'),
          DATABASE_URL: database.url,
          AUTH_JWT_SECRET: secret,
          LIVE_FANOUT: 'postgres',
          ...keys.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const keepTail = (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4_000);
      };
      chat.stdout?.on('data', keepTail);
      chat.stderr?.on('data', keepTail);
      await waitReady(chat, url, () => stderr.trim(), 120_000);
      await settle(2_000);
      const idle = await memoryOf(chat.pid!, url, inspectorPort);
      console.log(`  chat process pid ${chat.pid}: ${idle.rssMiB} MiB RSS, heap ${idle.heapUsedMiB} MiB with 0 streams (load ${idle.load})`);

      client = fork(join(root, 'bench', 'scenarios', 'live-streams-client.ts'), [], { execArgv: ['--import', 'tsx'], cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const channel = clientChannel(client);
      channel.send({ type: 'open', url, secret, streams, concurrency: 32 });
      const opened = await channel.next('opened', 15 * 60_000);
      console.log(`  ${opened.open.toLocaleString('en')} streams open in ${(opened.elapsedMs / 1000).toFixed(1)} s${opened.failed ? `; ${opened.failed} failed: ${opened.errors[0]}` : ''}`);
      await settle(3_000);
      const full = await memoryOf(chat.pid!, url, inspectorPort);
      console.log(`  with ${opened.open.toLocaleString('en')} streams: ${full.rssMiB} MiB RSS, heap ${full.heapUsedMiB} MiB (load ${full.load})`);

      // A first few events, not counted: the chat fetches the event path's key set with the first delivery.
      const authorization = await eventPath.authorization();
      channel.send({ type: 'events', events: 20, everyMs, authorization });
      const warmUp = await channel.next('events-done', 60_000);
      channel.send({ type: 'events', events, everyMs, authorization });
      const delivered = await channel.next('events-done', 5 * 60_000);
      const afterEvents = await memoryOf(chat.pid!, url, inspectorPort);
      const latency = summarize(delivered.latenciesMs);
      console.log(`  event → page: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms over ${latency.count} events; ${delivered.missing} missing (load ${afterEvents.load})`);

      channel.send({ type: 'close' });
      await channel.next('closed', 60_000);
      await once(client, 'exit');
      await settle(3_000);
      const closed = await memoryOf(chat.pid!, url, inspectorPort);
      console.log(`  streams closed: ${closed.rssMiB} MiB RSS, heap ${closed.heapUsedMiB} MiB (load ${closed.load})`);
      await stopProcess(chat);

      const perStreamKiB = opened.open > 0 ? round1(((full.rssMiB - idle.rssMiB) * 1024) / opened.open) : Number.NaN;
      const heapPerStreamKiB = opened.open > 0 ? round1(((full.heapUsedMiB - idle.heapUsedMiB) * 1024) / opened.open) : Number.NaN;
      const allOpen = opened.open >= LIVE_STREAMS_GOAL.streams;
      const memoryMet = allOpen && Math.max(full.rssMiB, afterEvents.rssMiB) * 1024 * 1024 < LIVE_STREAMS_GOAL.memoryBytes;
      const latencyMet = allOpen && delivered.missing === 0 && latency.count > 0 && latency.p99Ms < LIVE_STREAMS_GOAL.p99Ms;
      const verdict = (met: boolean) => (met ? 'met' : allOpen ? 'missed' : `not measured at ${LIVE_STREAMS_GOAL.streams.toLocaleString('en')} streams`);
      const memoryGoal = `goal < ${LIVE_STREAMS_GOAL.memoryBytes / 1e6} MB (${(LIVE_STREAMS_GOAL.memoryBytes / 1024 / 1024).toFixed(1)} MiB) at ${LIVE_STREAMS_GOAL.streams.toLocaleString('en')} streams ${verdict(memoryMet)}`;
      const latencyGoal = `goal p99 < ${LIVE_STREAMS_GOAL.p99Ms} ms ${verdict(latencyMet)}`;
      const memoryNote = (memory: Memory) => `RSS ${num(memory.rssMiB)} MiB, heapUsed ${num(memory.heapUsedMiB)} MiB, ${num(memory.connections)} connections; load ${memory.load}`;
      const problems = [
        opened.failed ? `${opened.failed} streams failed to open: ${opened.errors[0] ?? ''}` : '',
        delivered.missing ? `${delivered.missing} events never reached their page` : '',
        delivered.refused.length ? delivered.refused[0]! : '',
        delivered.openAfter < delivered.openDuring ? `${delivered.openDuring - delivered.openAfter} streams ended during the events` : '',
      ].filter(Boolean);
      const rows: Row[] = [
        ['live streams: chat memory', '0 streams (started, idle)', '0', '', '', '', '', memoryNote(idle)],
        ['live streams: chat memory', `${num(opened.open)} streams open`, num(opened.open), num(Math.round(opened.open / (opened.elapsedMs / 1000))), '', '', '', `${memoryNote(full)}; ${memoryGoal}`],
        ['live streams: chat memory', `after ${latency.count} events`, num(delivered.openAfter), '', '', '', '', memoryNote(afterEvents)],
        ['live streams: chat memory', 'every stream closed again', '0', '', '', '', '', memoryNote(closed)],
        ['live streams: per stream', `${num(opened.open)} streams`, num(opened.open), '', '', '', '', `${num(perStreamKiB)} KiB RSS, ${num(heapPerStreamKiB)} KiB heap per stream`],
        [
          'live streams: event → page',
          `POST /events → SSE, ${num(delivered.openDuring)} streams open, 1 per ${everyMs} ms`,
          num(latency.count),
          '',
          num(latency.p50Ms),
          num(latency.p99Ms),
          num(latency.maxMs),
          [`${latencyGoal}; load ${afterEvents.load}`, ...problems].join('; '),
        ],
      ];
      console.log(`  ${memoryGoal}; ${latencyGoal}`);
      return {
        rows,
        details: { streams, opened, memory: { idle, full, afterEvents, closed, perStreamKiB, heapPerStreamKiB }, events: { requested: events, everyMs, warmUp: summarize(warmUp.latenciesMs), latency, slowestMs: [...delivered.latenciesMs].sort((a, b) => b - a).slice(0, 10).map(round1), inArrivalOrderMs: delivered.latenciesMs.map(round1), missing: delivered.missing, refused: delivered.refused, openDuring: delivered.openDuring, openAfter: delivered.openAfter }, goal: LIVE_STREAMS_GOAL, memoryMet, latencyMet },
      };
    } finally {
      if (client) await stopProcess(client);
      if (chat) await stopProcess(chat);
      await keys.close();
      await database?.drop();
      rmSync(runDir, { recursive: true, force: true });
    }
  },
};
