import { Hono } from 'hono';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { createMemoryBus } from '#shared/bus/memory-bus';
import type { Task } from '#shared/contracts/task';
import type { Sql } from '#shared/db/connect';
import { migrate } from '#shared/db/migrate';
import type { AnyEvent, EventOf } from '#shared/events/catalog';
import { mountEventRoutes } from '#shared/events/http-event-routes';
import { testEventPath } from '#shared/testing/test-event-path';
import { newEvent } from '#shared/events/new-event';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { startOutboxRelay } from '#shared/outbox/outbox-relay';
import { aTask, TRACEPARENT } from '#shared/testing/event-fixtures';
import { appClient } from '#shared/testing/app-client';
import { testAuth } from '#shared/testing/test-auth';
import { testClock } from '#shared/testing/test-clock';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import type { ReminderConfig } from './reminder-config';
import { createReminderFunction } from './reminder-function';
import { reminderMigrations } from './reminder-schema';


export interface ReminderKitOptions {
  scheduler?: ReminderConfig['REMINDER_SCHEDULER'];
  /** The Dapr sidecar to talk to (the fake one) when `scheduler` is `dapr`. */
  daprUrl?: string;
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

/**
 * The reminder function wired to the run's real test database (own schema), the in-process bus with a
 * recording subscriber on `reminder-events`, real JWTs and the chosen scheduler.
 */
export async function startReminderKit(options: ReminderKitOptions = {}) {
  const auth = testAuth();
  const sql: Sql = testSql();
  const schema = options.schema ?? uniqueSchema('reminder');
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const metrics = createMetrics('reminder-test');
  const bus = createMemoryBus({ log, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  const published: AnyEvent[] = [];
  bus.subscribe({
    name: 'recorder',
    topics: [TOPICS.reminderEvents],
    types: ['dev.todo.reminder.scheduled.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.reminder.failed.v1'],
    handle: async (event) => (published.push(event), ack()),
  });
  const clock = testClock('2026-05-01T08:00:00Z');
  const now = options.clock === 'real' ? () => new Date() : typeof options.clock === 'function' ? options.clock : clock.now;
  await migrate(sql, reminderMigrations(schema));
  const relay = startOutboxRelay({ sql, schema, bus, log });
  const parts = createReminderFunction({
    sql,
    schema,
    clock: now,
    newId: uuidv7,
    eventsCommitted: () => relay.wake(),
    stopping: new AbortController().signal,
    authenticate: auth.authenticate,
    log,
    metrics,
    config: { REMINDER_SCHEDULER: options.scheduler ?? 'local', DAPR_HTTP_PORT: 3500, APP_API_TOKEN: options.appApiToken },
    daprUrl: options.daprUrl,
  });
  const app = createHttpApp({ log, metrics, maxBodyBytes: 64 * 1024 });
  app.route('/', parts.routes as unknown as Hono);
  const eventPath = await testEventPath(auth.authenticate);
  mountEventRoutes(app, parts.consumer, { log, pubsubName: 'pubsub', senders: eventPath.senders, metrics });
  if (options.start !== false) await parts.start();
  const { tokenFor } = auth;
  const client = appClient(app, tokenFor, eventPath.authorization);
  let eventIds = 0;

  const kit = {
    sql,
    schema,
    app,
    clock,
    parts,
    relay,
    /** Events the bus delivered to `reminder-events` subscribers, after `relay.idle()`. */
    async published() {
      await relay.idle();
      return published;
    },
    async publishedOf(type: 'dev.todo.reminder.scheduled.v1' | 'dev.todo.reminder.delivered.v1' | 'dev.todo.reminder.failed.v1', taskId?: string) {
      return (await kit.published()).filter((event) => event.type === type && (!taskId || event.subject === taskId));
    },
    /** A task event as the task function emits it, for `userId`. */
    taskEvent<T extends TaskEventType>(type: T, userId: string, task: Task): EventOf<T> {
      const data = type === 'dev.todo.task.created.v1' ? { task, commandId: null } : type === 'dev.todo.task.updated.v1' ? { task, changed: ['dueAt'] } : { task };
      const context = { source: '/functions/task', userId, traceparent: TRACEPARENT, now: now(), newId: () => `task-evt-${++eventIds}-${schema}` };
      return newEvent(type, context, { subject: task.id, data: data as EventOf<T>['data'] });
    },
    /** Delivers an event as Knative does: binary mode to `POST /events`. Returns the status code. */
    /** Posts the event to `POST /events` in binary mode, as Knative delivers it; the status. */
    deliver: async (event: AnyEvent) => (await client.deliver(event)).status,
    /** The task's reminders straight from the table, earliest first. */
    async rows(taskId: string) {
      const rows = await sql<{ id: string; origin: string; before_due: string | null; remind_at: Date; status: string }[]>`
        select id, origin, before_due, remind_at, status from ${sql(`${schema}.reminders`)} where task_id = ${taskId} order by remind_at, created_at`;
      return rows.map((row) => ({ id: row.id, origin: row.origin, before: row.before_due, remindAt: row.remind_at.toISOString(), status: row.status }));
    },
    tokenFor,
    call: client.call,
    /** Stops the scheduler and relay; drops the schema unless `keepSchema`. */
    async stop(stopOptions: { keepSchema?: boolean } = {}) {
      await parts.stop();
      await relay.stop();
      if (!stopOptions.keepSchema) await sql`drop schema ${sql(schema)} cascade`;
      await sql.end();
    },
  };
  return kit;
}
export type ReminderKit = Awaited<ReturnType<typeof startReminderKit>>;

export { aTask };
