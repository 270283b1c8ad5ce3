import type { z } from 'zod';
import { NotificationDelivered, NotificationFailed, NotificationSent } from './notification-events';
import { ReminderDelivered, ReminderFailed, ReminderScheduled } from './reminder-events';
import { CreateTask, TaskCompleted, TaskCreated, TaskDeleted, TaskUpdated } from './task-events';
import { TOPICS, type Topic } from './topics';

/** Every event and command type, its schema and the topic it travels on. */
export const CATALOG = {
  [TaskCreated.shape.type.value]: { schema: TaskCreated, topic: TOPICS.taskEvents },
  [TaskUpdated.shape.type.value]: { schema: TaskUpdated, topic: TOPICS.taskEvents },
  [TaskCompleted.shape.type.value]: { schema: TaskCompleted, topic: TOPICS.taskEvents },
  [TaskDeleted.shape.type.value]: { schema: TaskDeleted, topic: TOPICS.taskEvents },
  [CreateTask.shape.type.value]: { schema: CreateTask, topic: TOPICS.taskCommands },
  [ReminderScheduled.shape.type.value]: { schema: ReminderScheduled, topic: TOPICS.reminderEvents },
  [ReminderDelivered.shape.type.value]: { schema: ReminderDelivered, topic: TOPICS.reminderEvents },
  [ReminderFailed.shape.type.value]: { schema: ReminderFailed, topic: TOPICS.reminderEvents },
  [NotificationSent.shape.type.value]: { schema: NotificationSent, topic: TOPICS.notificationEvents },
  [NotificationDelivered.shape.type.value]: { schema: NotificationDelivered, topic: TOPICS.notificationEvents },
  [NotificationFailed.shape.type.value]: { schema: NotificationFailed, topic: TOPICS.notificationEvents },
} as const satisfies Record<string, { schema: z.ZodType; topic: Topic }>;

export type EventType = keyof typeof CATALOG;
export type AnyEvent = z.infer<(typeof CATALOG)[EventType]['schema']>;
export type EventOf<T extends EventType> = z.infer<(typeof CATALOG)[T]['schema']>;

export function isKnownType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.hasOwn(CATALOG, type);
}

export function topicOf(type: EventType): Topic {
  return CATALOG[type].topic;
}
