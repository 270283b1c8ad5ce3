import type { Consumer } from '#shared/events/consumer';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import type { LiveFanout } from './live-fanout';

const TASK_CHANGE = {
  'dev.todo.task.created.v1': 'created',
  'dev.todo.task.updated.v1': 'updated',
  'dev.todo.task.completed.v1': 'completed',
  'dev.todo.task.deleted.v1': 'deleted',
} as const;

/**
 * The chat function's subscription (consumer `chat`): task changes and notifications, handed to the
 * live fan-out, which brings them to the owner's open pages on every chat instance once each.
 */
export function createLiveConsumer(fanout: LiveFanout): Consumer {
  return {
    name: 'chat',
    topics: [TOPICS.taskEvents, TOPICS.notificationEvents],
    types: [...(Object.keys(TASK_CHANGE) as (keyof typeof TASK_CHANGE)[]), 'dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1'],
    async handle(event) {
      const delivery = { source: event.source, userId: event.userid };
      if (event.type in TASK_CHANGE) {
        const { task, ...rest } = event.data as { task: unknown; changed?: string[] };
        await fanout.publish({ ...delivery, message: { event: 'task', id: event.id, data: { change: TASK_CHANGE[event.type as keyof typeof TASK_CHANGE], task, ...('changed' in rest ? { changed: rest.changed } : {}), time: event.time } } });
      } else if (event.type === 'dev.todo.notification.sent.v1' || event.type === 'dev.todo.notification.delivered.v1') {
        await fanout.publish({ ...delivery, message: { event: 'notification', id: event.id, data: { status: event.type === 'dev.todo.notification.sent.v1' ? 'sent' : 'delivered', ...event.data, time: event.time } } });
      }
      return ack();
    },
  };
}
