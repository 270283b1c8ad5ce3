import type { EventContext } from '#shared/events/new-event';
import { eventsOf, sourceOf } from '#shared/system/function-events';
import type { Notification } from './notification';

const newEvent = eventsOf('notification');

export const NOTIFICATION_SOURCE = sourceOf('notification');

/**
 * Subject and data every notification event carries: the subject is the task (or the notification
 * for an ad-hoc one); the partition key is the notification, so its Sent always precedes its outcome.
 */
export function notificationFacts(notification: Notification) {
  return {
    subject: notification.taskId ?? notification.id,
    partitionkey: notification.id,
    data: {
      notificationId: notification.id,
      channel: notification.channel,
      taskId: notification.taskId,
      reminderId: notification.reminderId,
      title: notification.title,
    },
  };
}

/** The event context of work done for a stored notification (its user and trace). */
export function contextOf(notification: Notification, now: Date, newId: () => string): EventContext {
  return { source: NOTIFICATION_SOURCE, userId: notification.userId, traceparent: notification.traceparent, now, newId };
}

export function deliveredEvent(notification: Notification, context: EventContext) {
  const fields = notificationFacts(notification);
  return newEvent('dev.todo.notification.delivered.v1', context, { ...fields, data: { ...fields.data, deliveredAt: context.now.toISOString() } });
}

export function failedEvent(notification: Notification, context: EventContext, reason: string, attempts: number) {
  const fields = notificationFacts(notification);
  return newEvent('dev.todo.notification.failed.v1', context, { ...fields, data: { ...fields.data, reason, attempts: Math.max(1, attempts) } });
}
