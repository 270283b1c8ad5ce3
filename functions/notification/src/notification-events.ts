import type { EventContext } from '#shared/events/new-event';
import { newEvent } from '#shared/events/new-event';
import type { Notification } from './notification';

export const NOTIFICATION_SOURCE = '/functions/notification';

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
