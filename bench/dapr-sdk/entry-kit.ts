import type { ReminderScheduled } from '../../shared/src/events/reminder-events';

/**
 * What both bench entries share, so it weighs the same in both bundles: the call to make (`BENCH_CALL`),
 * its names (`BENCH_STORE`, `BENCH_NAME`), a sample event, and the one JSON line the parent waits for.
 */
export type BenchCall = 'secret' | 'state' | 'publish';

export interface EntryResult {
  /** `performance.now()` when the entry's own code began: node started, the bundle parsed, its modules initialised. */
  loadedMs: number;
  /** From then until the call settled (the client's start-up check included). */
  callMs: number;
  ok: boolean;
  detail: string;
}

export function benchCall(env: Record<string, string | undefined>): { call: BenchCall; store: string; name: string } {
  const call = env.BENCH_CALL ?? 'secret';
  if (call !== 'secret' && call !== 'state' && call !== 'publish') throw new Error(`BENCH_CALL ${call} is not secret, state or publish`);
  return { call, store: env.BENCH_STORE ?? 'kubernetes', name: env.BENCH_NAME ?? 'bench-secret' };
}

/** A valid `dev.todo.reminder.scheduled.v1` event (the shared schema's shape) with fresh ids. */
export function sampleEvent(id: string, taskId: string): ReminderScheduled {
  const at = new Date().toISOString();
  return {
    specversion: '1.0',
    id,
    source: '/functions/bench',
    type: 'dev.todo.reminder.scheduled.v1',
    subject: taskId,
    time: at,
    datacontenttype: 'application/json',
    partitionkey: taskId,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    userid: 'bench-user',
    data: { reminderId: `r-${id}`, taskId, title: 'bench', remindAt: at, dueAt: null },
  };
}

/** Prints the result as one line and exits at once (the SDK's keep-alive agent would hold the process open). */
export function finish(result: EntryResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
}

/** Runs `call`, timing it from the entry's first line, and finishes with its outcome. */
export async function runEntry(call: () => Promise<unknown>): Promise<void> {
  const loadedMs = performance.now();
  try {
    const value = await call();
    finish({ loadedMs, callMs: performance.now() - loadedMs, ok: true, detail: JSON.stringify(value ?? null).slice(0, 200) });
  } catch (error) {
    finish({ loadedMs, callMs: performance.now() - loadedMs, ok: false, detail: (error as Error).message.slice(0, 500) });
  }
}
