import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { EventType } from '#shared/events/catalog';
import { processDelivery } from '#shared/events/process-delivery';
import { aTask, TRACEPARENT } from '#shared/testing/event-fixtures';
import { startFunctionKit } from '#shared/testing/function-kit';
import type { AuditDeps } from '../src/audit-deps';
import { createAuditFunction } from '../src/audit-function';
import { auditMigrations } from '../src/audit-schema';
import type { AuditRow } from '../src/audit-store';

export const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/**
 * The audit function's test kit, so tests deliver events as Knative (`deliver`) or straight through
 * the delivery path (`process`).
 */
export async function startAuditKit() {
  const { sql, schema, app, eventPath, clock, deps, parts, tokenFor, call, deliver, stop } = await startFunctionKit({
    name: 'audit',
    migrations: auditMigrations,
    deps: ({ sql, schema, clock, authenticate, log }): AuditDeps => ({ sql, schema, clock, authenticate, log }),
    create: createAuditFunction,
  });

  return {
    sql,
    schema,
    app,
    eventPath,
    clock,
    deps,
    consumer: parts.consumer,
    tokenFor,
    call,
    deliver,
    /** Runs an event through the shared delivery path (validation, then the consumer), as the in-process bus does. */
    process(event: CloudEvent<unknown>, attempt = 0) {
      return processDelivery(parts.consumer, JSON.parse(JSON.stringify(event)), { log: deps.log, attempt });
    },
    /** The user's rows as stored, in sequence order. */
    async rowsOf(userId: string) {
      return sql<AuditRow[]>`select * from ${sql(`${schema}.audit_records`)} where user_id = ${userId} order by sequence`;
    },
    stop: () => stop(),
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
