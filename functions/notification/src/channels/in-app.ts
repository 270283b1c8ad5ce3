import type { AnyEvent, EventContext } from '#shared/events/index';
import { eventsOf } from '#shared/system/function-events';
import type { Notification } from '../notification';
import { notificationFacts } from '../notification-events';

const newEvent = eventsOf('notification');

/**
 * The in-app channel delivers by storing: the page lists stored notifications, and the chat function
 * pushes `NotificationDelivered` live to the user's open pages. So it is delivered the moment it commits.
 */
export function deliverInApp(notification: Notification, context: EventContext): { notification: Notification; events: AnyEvent[] } {
  const deliveredAt = context.now.toISOString();
  const delivered: Notification = { ...notification, status: 'delivered', attempts: 1, deliveredAt, nextAttemptAt: null };
  const fields = notificationFacts(delivered);
  return {
    notification: delivered,
    events: [
      newEvent('dev.todo.notification.sent.v1', context, fields),
      newEvent('dev.todo.notification.delivered.v1', context, { ...fields, data: { ...fields.data, deliveredAt } }),
    ],
  };
}
