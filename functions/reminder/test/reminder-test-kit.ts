import type { Task } from '#shared/contracts/task';
import type { DaprSidecar } from '#shared/dapr/dapr-sidecar';
import type { AnyEvent, EventOf } from '#shared/events/catalog';
import { newEvent } from '#shared/events/new-event';
import { TOPICS } from '#shared/events/topics';
import { aTask, TRACEPARENT } from '#shared/testing/event-fixtures';
import { startFunctionKit } from '#shared/testing/function-kit';
import type { ReminderConfig } from '../src/reminder-config';
import { createReminderFunction, type ReminderFunctionDeps } from '../src/reminder-function';
import { reminderMigrations } from '../src/reminder-schema';

export interface ReminderKitOptions {
  scheduler?: ReminderConfig['REMINDER_SCHEDULER'];
  /** The Dapr sidecar to talk to (the fake one) when `scheduler` is `dapr`. */
  sidecar?: DaprSidecar;
  appApiToken?: string;
  /** Reuse a schema (a restart, a second copy); default: a new one, dropped on stop. */
  schema?: string;
  /**
   * `test` (default): a hand-moved clock starting 2026-05-01T08:00Z, for the projection and the API;
   * `real`, or a function: for the scheduler tests, whose timers are real (reminders a few hundred ms ahead).
   */
  clock?: 'test' | 'real' | (() => Date);
  /** Start the scheduler (default true). */
  start?: boolean;
}

type TaskEventType = 'dev.todo.task.created.v1' | 'dev.todo.task.updated.v1' | 'dev.todo.task.completed.v1' | 'dev.todo.task.deleted.v1';
type ReminderEventType = 'dev.todo.reminder.scheduled.v1' | 'dev.todo.reminder.delivered.v1' | 'dev.todo.reminder.failed.v1';

/** The reminder function's test kit: a recording subscriber on `reminder-events` and the chosen scheduler. */
export async function startReminderKit(options: ReminderKitOptions = {}) {
  const { sql, schema, app, clock, deps, parts, relay, published, tokenFor, call, deliver, stop, metricLines } = await startFunctionKit({
    name: 'reminder',
    migrations: reminderMigrations,
    schema: options.schema,
    start: options.start,
    ...(options.sidecar ? { sidecar: options.sidecar } : {}),
    outbox: { topics: [TOPICS.reminderEvents], types: ['dev.todo.reminder.scheduled.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.reminder.failed.v1'] },
    deps: (runtime): ReminderFunctionDeps => ({
      ...runtime,
      clock: options.clock === 'real' ? () => new Date() : typeof options.clock === 'function' ? options.clock : runtime.clock,
      config: { REMINDER_SCHEDULER: options.scheduler ?? 'local', APP_API_TOKEN: options.appApiToken },
    }),
    create: createReminderFunction,
  });
  let eventIds = 0;

  return {
    sql,
    schema,
    app,
    clock,
    parts,
    relay,
    published,
    async publishedOf(type: ReminderEventType, taskId?: string) {
      return (await published()).filter((event) => event.type === type && (!taskId || event.subject === taskId));
    },
    /** A task event as the task function emits it, for `userId`. */
    taskEvent<T extends TaskEventType>(type: T, userId: string, task: Task): EventOf<T> {
      const data = type === 'dev.todo.task.created.v1' ? { task, commandId: null } : type === 'dev.todo.task.updated.v1' ? { task, changed: ['dueAt'] } : { task };
      const context = { source: '/functions/task', userId, traceparent: TRACEPARENT, now: deps.clock(), newId: () => `task-evt-${++eventIds}-${schema}` };
      return newEvent(type, context, { subject: task.id, data: data as EventOf<T>['data'] });
    },
    /** Posts the event to `POST /events` in binary mode, as Knative delivers it; the status. */
    deliver: async (event: AnyEvent) => (await deliver(event)).status,
    /** The task's reminders straight from the table, earliest first. */
    async rows(taskId: string) {
      const rows = await sql<{ id: string; origin: string; before_due: string | null; remind_at: Date; status: string }[]>`
        select id, origin, before_due, remind_at, status from ${sql(`${schema}.reminders`)} where task_id = ${taskId} order by remind_at, created_at`;
      return rows.map((row) => ({ id: row.id, origin: row.origin, before: row.before_due, remindAt: row.remind_at.toISOString(), status: row.status }));
    },
    tokenFor,
    call,
    metricLines,
    stop,
  };
}
export type ReminderKit = Awaited<ReturnType<typeof startReminderKit>>;

export { aTask };
