import { randomBytes } from 'node:crypto';
import { successorTaskId } from '../../functions/recurrence/src/decide';
import { localModules } from '../../local/modules';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { startBenchSystem, UNLIMITED_WRITES } from '../bench-system';
import { type LatencySummary, summarize } from '../stats';

export interface RecurrenceLatencyOptions {
  /** Base URL of a running system with the task and recurrence functions, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** A bearer token for a user id. */
  token: (userId: string) => string | Promise<string>;
  /** How many recurring tasks to complete and time (default 200). */
  completions?: number;
  /** Completions in flight at once, each by its own user (default 1: latency without load). */
  concurrency?: number;
  /** Completions before the timed ones, to warm the code paths up (default 5). */
  warmUp?: number;
  /** Give up on one next task after this long (default 10 s). */
  timeoutMs?: number;
}

export interface RecurrenceLatencyResult {
  scenario: 'recurrence-latency';
  completions: number;
  concurrency: number;
  /** Completion request sent → the next task first listed by `GET /tasks`, in milliseconds. */
  latency: LatencySummary;
  /** The completion request alone (sent → answered), in milliseconds. */
  completeRequest: LatencySummary;
  /** `GET /tasks` calls made while waiting, per completion (the poll is one call after another). */
  pollsPerCompletion: number;
  /** Next tasks that did not appear within the timeout. */
  missing: number;
  /** The mission's 5-second target, and the issue's aim of a p99 under 100 ms. */
  withinTarget: boolean;
  withinAim: boolean;
}

const TARGET_MS = 5_000;
const AIM_MS = 100;

/**
 * Measures how long after a recurring task is completed over HTTP its next occurrence is listed by
 * `GET /tasks` — the whole chain: the task outbox → `task-events` → recurrence (with every other
 * consumer of `task-events` on the bus) → `task-commands` → task. Each completion uses a recurring
 * task of its own with a tag of its own; after the completion answers, the client lists that tag
 * again and again (no pause) until the next task is there, so the figure is at most one list call late.
 */
export async function recurrenceLatency(options: RecurrenceLatencyOptions): Promise<RecurrenceLatencyResult> {
  const completions = options.completions ?? 200;
  const concurrency = options.concurrency ?? 1;
  const warmUp = options.warmUp ?? 5;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const run = randomBytes(4).toString('hex');

  async function once(user: number, i: number): Promise<{ latency: number; complete: number; polls: number } | null> {
    const headers = { authorization: `Bearer ${await options.token(`bench-recurrence-${run}-${user}`)}`, 'content-type': 'application/json' };
    const api = (method: string, path: string, body?: unknown) => fetch(`${options.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const tag = `rl-${run}-${i}`;
    const created = await api('POST', '/tasks', {
      title: `Recurring ${i}`,
      tags: [tag],
      dueAt: '2099-01-05T09:00:00+01:00',
      recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' },
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}`);
    const { id } = (await created.json()) as { id: string };
    const nextId = successorTaskId(id);
    const started = performance.now();
    const completed = await api('POST', `/tasks/${id}/complete`);
    if (completed.status !== 200) throw new Error(`complete answered ${completed.status}`);
    await completed.arrayBuffer();
    const complete = performance.now() - started;
    for (let polls = 1; performance.now() - started < timeoutMs; polls++) {
      const listed = (await (await api('GET', `/tasks?tag=${tag}`)).json()) as { items: { id: string }[] };
      if (listed.items.some((task) => task.id === nextId)) return { latency: performance.now() - started, complete, polls };
    }
    return null;
  }

  for (let i = 0; i < warmUp; i++) await once(0, -1 - i);
  const samples: { latency: number; complete: number; polls: number }[] = [];
  let missing = 0;
  let next = 0;
  const worker = async (user: number) => {
    while (next < completions) {
      const sample = await once(user, next++);
      if (sample) samples.push(sample);
      else missing++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, user) => worker(user)));
  const latency = summarize(samples.map((sample) => sample.latency));
  return {
    scenario: 'recurrence-latency',
    completions,
    concurrency,
    latency,
    completeRequest: summarize(samples.map((sample) => sample.complete)),
    pollsPerCompletion: Math.round((samples.reduce((sum, sample) => sum + sample.polls, 0) / (samples.length || 1)) * 10) / 10,
    missing,
    withinTarget: missing === 0 && latency.p99Ms <= TARGET_MS,
    withinAim: missing === 0 && latency.p99Ms <= AIM_MS,
  };
}

const rowOf = (result: RecurrenceLatencyResult, database: string): Row => [
  'recurrence: complete → next task listed',
  `one process (every function), ${database}, ${result.concurrency === 1 ? 'one at a time' : `${result.concurrency} users at once`}`,
  num(result.completions),
  '',
  num(result.latency.p50Ms),
  num(result.latency.p99Ms),
  num(result.latency.maxMs),
  `${result.missing} missing; complete request p50 ${result.completeRequest.p50Ms} ms; ${result.pollsPerCompletion} list calls each; ` +
    `5 s target ${result.withinTarget ? 'met' : 'missed'}, p99 < 100 ms ${result.withinAim ? 'met' : 'missed'}`,
];

/**
 * Completion → next occurrence listed, in the one-process system as `npm start` runs it (every
 * function, so the recurrence consumer shares `task-events` with reminder, audit and chat): one
 * completion at a time, then 8 users completing at once. BENCH_TASKS / 500 completions per case
 * (at most 200, at least 20).
 */
export const recurrenceLatencyScenario: BenchScenario = {
  name: 'recurrence-latency',
  async run({ config }) {
    const completions = Math.min(200, Math.max(20, Math.round(config.tasks / 500)));
    const database = config.databaseUrl ? 'server Postgres' : 'embedded Postgres';
    const system = await startBenchSystem({ modules: localModules, env: UNLIMITED_WRITES, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
    try {
      const alone = await recurrenceLatency({ url: system.url, token: system.token, completions });
      const together = await recurrenceLatency({ url: system.url, token: system.token, completions, concurrency: 8, warmUp: 0 });
      return { rows: [rowOf(alone, database), rowOf(together, database)], details: { database, alone, together } };
    } finally {
      await system.stop();
    }
  },
};
