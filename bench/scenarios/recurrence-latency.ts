import { randomBytes } from 'node:crypto';
import { successorTaskId } from '../../functions/recurrence/src/decide';
import { recurrenceModule } from '../../functions/recurrence/src/recurrence-module';
import { taskModule } from '../../functions/task/src/task-module';
import { type BenchScenario, num } from '../bench-scenario';
import { startBenchSystem } from '../bench-system';
import { percentile } from '../stats';

export interface RecurrenceLatencyOptions {
  /** Base URL of a running system with the task and recurrence functions, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** A bearer token for a user id. */
  token: (userId: string) => string | Promise<string>;
  /** How many recurring tasks to complete (default 200). */
  completions?: number;
  /** Completions in flight at once (default 1: latency, not throughput). */
  concurrency?: number;
  /** Give up on one next task after this long (default 10 s). */
  timeoutMs?: number;
}

export interface RecurrenceLatencyResult {
  scenario: 'recurrence-latency';
  completions: number;
  /** Completion request sent → the next task listed by `GET /tasks`, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Next tasks that did not appear within the timeout. */
  missing: number;
  /** The 5-second target of the mission. */
  withinTarget: boolean;
}

const POLL_MS = 2;
const TARGET_MS = 5_000;


/**
 * Measures how long after a recurring task is completed over HTTP its next occurrence is listed by
 * `GET /tasks` (the whole chain: task outbox → task-events → recurrence → task-commands → task).
 * Each completion uses its own recurring task with a tag of its own, so the poll sees only that series.
 */
export async function recurrenceLatency(options: RecurrenceLatencyOptions): Promise<RecurrenceLatencyResult> {
  const completions = options.completions ?? 200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const run = randomBytes(4).toString('hex');
  const headers = { authorization: `Bearer ${await options.token(`bench-recurrence-${run}`)}`, 'content-type': 'application/json' };
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${options.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  async function once(i: number): Promise<number | null> {
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
    while (performance.now() - started < timeoutMs) {
      const listed = (await (await api('GET', `/tasks?tag=${tag}`)).json()) as { items: { id: string }[] };
      if (listed.items.some((task) => task.id === nextId)) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return null;
  }

  const samples: number[] = [];
  let missing = 0;
  let next = 0;
  const worker = async () => {
    while (next < completions) {
      const result = await once(next++);
      if (result === null) missing++;
      else samples.push(result);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const p99 = percentile(samples, 99);
  return {
    scenario: 'recurrence-latency',
    completions,
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(p99),
    maxMs: round(samples.at(-1) ?? Number.NaN),
    missing,
    withinTarget: missing === 0 && p99 <= TARGET_MS,
  };
}

/** Completion → next occurrence listed, in the one-process system with the task and recurrence functions. */
export const recurrenceLatencyScenario: BenchScenario = {
  name: 'recurrence-latency',
  async run({ config }) {
    const system = await startBenchSystem({ modules: [taskModule, recurrenceModule], databaseUrl: config.databaseUrl });
    try {
      const result = await recurrenceLatency({ url: system.url, token: system.token, completions: 200 });
      const note = `${result.missing} missing; target 5 s ${result.withinTarget ? 'met' : 'missed'}`;
      return { rows: [['recurrence: complete → next task listed', 'one process, sequential', num(result.completions), '', num(result.p50Ms), num(result.p99Ms), num(result.maxMs), note]], details: result };
    } finally {
      await system.stop();
    }
  },
};
