import { CONSUMER_FUNCTIONS } from '../../bus/kafka-topics';
import type { EventType } from '../catalog';
import { TOPICS, type Topic } from '../topics';

export type ConsumerFunction = (typeof CONSUMER_FUNCTIONS)[number];

/**
 * Which function writes each event type (through its outbox relay, with `source` `/functions/<name>`).
 * The create-task command also comes from any CloudEvents producer, in the form the catalog reads.
 */
export const EMITTED_BY: Readonly<Record<EventType, ConsumerFunction>> = {
  'dev.todo.task.created.v1': 'task',
  'dev.todo.task.updated.v1': 'task',
  'dev.todo.task.completed.v1': 'task',
  'dev.todo.task.deleted.v1': 'task',
  'dev.todo.task.create.v1': 'recurrence',
  'dev.todo.reminder.scheduled.v1': 'reminder',
  'dev.todo.reminder.delivered.v1': 'reminder',
  'dev.todo.reminder.failed.v1': 'reminder',
  'dev.todo.notification.sent.v1': 'notification',
  'dev.todo.notification.delivered.v1': 'notification',
  'dev.todo.notification.failed.v1': 'notification',
};

/**
 * The topics each consumer function reads: its KafkaSource (knative/base/eventing), its Dapr
 * subscriptions (dapr/subscriptions) and its `GET /dapr/subscribe`, which the local dispatcher follows.
 * Every event of a known type on them is delivered and validated; the function acts on some and
 * acknowledges the rest.
 */
export const CONSUMED_TOPICS: Readonly<Record<ConsumerFunction, readonly Topic[]>> = {
  task: [TOPICS.taskCommands],
  reminder: [TOPICS.taskEvents],
  recurrence: [TOPICS.taskEvents],
  notification: [TOPICS.reminderEvents],
  audit: Object.values(TOPICS),
  chat: [TOPICS.taskEvents, TOPICS.notificationEvents],
};

/** The function that runs each command; a person (for themselves) or a listed producer may also post it to its `POST /events`. */
export const RUN_BY: Readonly<Partial<Record<EventType, ConsumerFunction>>> = { 'dev.todo.task.create.v1': 'task' };
