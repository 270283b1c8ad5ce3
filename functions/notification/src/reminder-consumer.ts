import type { Consumer } from '#shared/events/consumer';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { type AfterCommit, reminderNotifier } from './notification-commands';
import type { NotificationDeps } from './notification-deps';

/**
 * Consumes delivered reminders. Only database work happens here (store in-app, record pending
 * webhook and email deliveries, events to the outbox) in one transaction, shared by the deliveries
 * in flight at the same time, then the event is acknowledged: a slow or broken channel never holds
 * up the consumer.
 */
export function createReminderConsumer(deps: NotificationDeps, afterCommit: AfterCommit): Consumer {
  const notify = reminderNotifier(deps, afterCommit);
  return {
    name: 'notification',
    topics: [TOPICS.reminderEvents],
    types: ['dev.todo.reminder.delivered.v1'],
    async handle(event) {
      if (event.type !== 'dev.todo.reminder.delivered.v1') return ack('ignored');
      const result = await notify(event);
      if (result.duplicate) return ack('duplicate event');
      return ack(result.notifications.length === 0 ? 'nothing new to notify' : undefined);
    },
  };
}
