import type { Consumer } from '#shared/events/consumer';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import type { UserHub } from './user-hub';

const TASK_CHANGE = {
  'dev.todo.task.created.v1': 'created',
  'dev.todo.task.updated.v1': 'updated',
  'dev.todo.task.completed.v1': 'completed',
  'dev.todo.task.deleted.v1': 'deleted',
} as const;

/**
 * The chat function's subscription (consumer `chat`): task changes and notifications, pushed to the
 * owner's open pages. Nothing is stored, so a redelivery only risks a second push, which the hub drops.
 */
export function createLiveConsumer(hub: UserHub): Consumer {
  return {
    name: 'chat',
    topics: [TOPICS.taskEvents, TOPICS.notificationEvents],
    types: [...(Object.keys(TASK_CHANGE) as (keyof typeof TASK_CHANGE)[]), 'dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1'],
    async handle(event) {
      if (event.type in TASK_CHANGE) {
        const { task, ...rest } = event.data as { task: unknown; changed?: string[] };
        hub.publish(event.userid, { event: 'task', id: event.id, data: { change: TASK_CHANGE[event.type as keyof typeof TASK_CHANGE], task, ...('changed' in rest ? { changed: rest.changed } : {}), time: event.time } });
      } else if (event.type === 'dev.todo.notification.sent.v1' || event.type === 'dev.todo.notification.delivered.v1') {
        hub.publish(event.userid, { event: 'notification', id: event.id, data: { status: event.type === 'dev.todo.notification.sent.v1' ? 'sent' : 'delivered', ...event.data, time: event.time } });
      }
      return ack();
    },
  };
}
