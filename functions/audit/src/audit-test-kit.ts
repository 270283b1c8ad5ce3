import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { migrate } from '#shared/db/migrate';
import type { EventType } from '#shared/events/catalog';
import { mountEventRoutes } from '#shared/events/http-event-routes';
import { testEventPath } from '#shared/testing/test-event-path';
import { processDelivery } from '#shared/events/process-delivery';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { aTask, TRACEPARENT } from '#shared/testing/event-fixtures';
import { appClient } from '#shared/testing/app-client';
import { testAuth } from '#shared/testing/test-auth';
import { testClock } from '#shared/testing/test-clock';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import type { AuditDeps } from './audit-deps';
import { createAuditFunction } from './audit-function';
import { auditMigrations } from './audit-schema';
import type { AuditRow } from './audit-store';

export const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/**
 * The audit function wired to the run's real test database (own schema), a hand-moved clock, real
 * JWTs and its event routes, so tests deliver events as Knative (`deliver`) or straight through the
 * delivery path (`process`).
 */
export async function startAuditKit() {
  const auth = testAuth();
  const sql = testSql();
  const schema = uniqueSchema('audit');
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const metrics = createMetrics('audit-test');
  const clock = testClock('2026-05-01T08:00:00Z');
  await migrate(sql, auditMigrations(schema));
  const deps: AuditDeps = { sql, schema, clock: clock.now, authenticate: auth.authenticate, log };
  const parts = createAuditFunction(deps);
  const app = createHttpApp({ log, metrics, maxBodyBytes: 64 * 1024 });
  app.route('/', parts.routes as unknown as Hono);
  const eventPath = await testEventPath(auth.authenticate);
  mountEventRoutes(app, parts.consumer, { log, pubsubName: 'pubsub', senders: eventPath.senders, metrics });
  const { tokenFor } = auth;
  const client = appClient(app, tokenFor, eventPath.authorization);

  return {
    sql,
    schema,
    app,
    /** The event path's credentials: `authorization()` for POST /events, the sidecar's app token for /dapr/*. */
    eventPath,
    clock,
    deps,
    consumer: parts.consumer,
    tokenFor,
    call: client.call,
    /** Posts a CloudEvent to `POST /events` in binary mode, as Knative delivers it. */
    deliver: client.deliver,
    /** Runs an event through the shared delivery path (validation, then the consumer), as the in-process bus does. */
    process(event: CloudEvent<unknown>, attempt = 0) {
      return processDelivery(parts.consumer, JSON.parse(JSON.stringify(event)), { log, attempt });
    },
    /** The user's rows as stored, in sequence order. */
    async rowsOf(userId: string) {
      return sql<AuditRow[]>`select * from ${sql(`${schema}.audit_records`)} where user_id = ${userId} order by sequence`;
    },
    async stop() {
      await sql`drop schema ${sql(schema)} cascade`;
      await sql.end();
    },
  };
}
export type AuditKit = Awaited<ReturnType<typeof startAuditKit>>;

const TASK_EVENT_SOURCE = '/functions/task';
const SOURCES: Record<string, string> = { task: TASK_EVENT_SOURCE, reminder: '/functions/reminder', notification: '/functions/notification' };

/** Valid data for each catalog type, about task `taskId`. */
function dataOf(type: EventType, taskId: string): Record<string, unknown> {
  const task = aTask({ id: taskId });
  const reminder = { reminderId: `${taskId}:PT0S`, taskId, title: task.title, remindAt: '2026-05-01T09:00:00.000Z', dueAt: '2026-05-01T09:00:00.000Z' };
  const notification = { notificationId: randomUUID(), channel: 'in-app', taskId, reminderId: reminder.reminderId, title: task.title };
  const data: Record<EventType, Record<string, unknown>> = {
    'dev.todo.task.created.v1': { task, commandId: null },
    'dev.todo.task.updated.v1': { task: { ...task, title: 'Water the roses', version: 2 }, changed: ['title'] },
    'dev.todo.task.completed.v1': { task: { ...task, status: 'completed', completedAt: '2026-05-01T09:00:00.000Z' } },
    'dev.todo.task.deleted.v1': { task },
    'dev.todo.task.create.v1': { title: 'Water the plants', taskId },
    'dev.todo.reminder.scheduled.v1': reminder,
    'dev.todo.reminder.delivered.v1': { ...reminder, deliveredAt: '2026-05-01T09:00:01.000Z', late: false },
    'dev.todo.reminder.failed.v1': { ...reminder, reason: 'the scheduler refused the job' },
    'dev.todo.notification.sent.v1': notification,
    'dev.todo.notification.delivered.v1': { ...notification, deliveredAt: '2026-05-01T09:00:02.000Z' },
    'dev.todo.notification.failed.v1': { ...notification, channel: 'webhook', reason: 'the receiver answered 500', attempts: 5 },
  };
  return data[type];
}

/** An event of any catalog type for `userid`, as its producer publishes it. */
export function anEvent(type: EventType, userid: string, options: { taskId?: string; time?: string; id?: string; traceparent?: string } = {}) {
  const taskId = options.taskId ?? TASK_ID;
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: SOURCES[type.split('.')[2]!] ?? TASK_EVENT_SOURCE,
    type,
    subject: taskId,
    time: options.time ?? '2026-05-01T07:59:00.000Z',
    datacontenttype: 'application/json',
    partitionkey: taskId,
    traceparent: options.traceparent ?? TRACEPARENT,
    userid,
    data: dataOf(type, taskId),
  });
}
