import { expect } from 'vitest';
import type { ReceivedSpan } from './otlp-receiver';

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

function one(spans: readonly ReceivedSpan[], description: string, match: (span: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.filter(match);
  expect(found, `${description}: ${found.length} spans among ${spans.length}`).toHaveLength(1);
  return found[0]!;
}

/** True once the receiver holds the last span of a task's life (the audit of its notification). */
export function notificationAudited(spans: readonly ReceivedSpan[]): boolean {
  return spans.some((span) => span.kind === CONSUMER && span.attributes['cloudevents.event_type'] === 'dev.todo.notification.delivered.v1' && span.attributes['messaging.consumer.group.name'] === 'audit');
}

/**
 * Asserts the trace structure of one task's life, from the request that created it (the
 * `traceparent` its answer echoed): `POST /tasks` (server) → each consumer's processing of
 * TaskCreated (children, through the span of the transaction that committed the event) → the reminder scheduled; the firing starts a trace of its own, linked to
 * the span that scheduled the reminder (or its transaction's) → the notification's processing of ReminderDelivered
 * (child) → the audit of NotificationDelivered (grandchild). `serviceOf` names the process each
 * consumer runs in.
 */
export function expectTaskLifeTraced(spans: readonly ReceivedSpan[], requestTraceparent: string, serviceOf: (consumer: string) => string): void {
  const [, traceId, spanId] = requestTraceparent.split('-');
  const request = one(spans, 'POST /tasks', (span) => span.traceId === traceId && span.spanId === spanId);
  expect(request).toMatchObject({ kind: SERVER, name: 'POST /tasks', service: serviceOf('task') });
  const stored = spans.filter((span) => span.traceId === request.traceId && span.service === serviceOf('task') && span.attributes['db.system.name'] === 'postgresql').map((span) => span.name);
  expect(stored).toEqual(expect.arrayContaining(['db transaction', 'db insert']));
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  // Events are emitted inside their transaction's span: a consumer's span is a child of that, under the work that emitted it.
  const descends = (span: ReceivedSpan, ancestor: ReceivedSpan): boolean => {
    for (let parent = byId.get(span.parentSpanId), hops = 0; parent && hops < 10; parent = byId.get(parent.parentSpanId), hops++) {
      if (parent.spanId === ancestor.spanId) return true;
      if (parent.kind !== CLIENT) return false;
    }
    return false;
  };
  const childOf = (parent: ReceivedSpan, type: string, consumer: string) => {
    const child = one(spans, `${consumer} processing ${type}`, (span) => span.traceId === parent.traceId && descends(span, parent) && span.attributes['cloudevents.event_type'] === type && span.attributes['messaging.consumer.group.name'] === consumer);
    expect(child).toMatchObject({ kind: CONSUMER, service: serviceOf(consumer) });
    return child;
  };

  const scheduled = childOf(request, 'dev.todo.task.created.v1', 'reminder');
  childOf(request, 'dev.todo.task.created.v1', 'audit');
  childOf(scheduled, 'dev.todo.reminder.scheduled.v1', 'audit');
  const linksTo = (link: { traceId: string; spanId: string }, target: ReceivedSpan) => {
    const linked = byId.get(link.spanId);
    return link.traceId === target.traceId && !!linked && (linked.spanId === target.spanId || descends(linked, target));
  };
  const firing = one(spans, 'the firing', (span) => span.name === 'fire reminders' && span.links.some((link) => linksTo(link, scheduled)));
  expect(firing.service).toBe(serviceOf('reminder'));
  expect(firing.traceId).not.toBe(request.traceId);
  const notified = childOf(firing, 'dev.todo.reminder.delivered.v1', 'notification');
  childOf(firing, 'dev.todo.reminder.delivered.v1', 'audit');
  childOf(notified, 'dev.todo.notification.delivered.v1', 'audit');
}
