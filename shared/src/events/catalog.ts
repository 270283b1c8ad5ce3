import type * as z from 'zod/mini';
import { NotificationDelivered, NotificationFailed, NotificationSent } from './notification-events';
import { ReminderDelivered, ReminderFailed, ReminderScheduled } from './reminder-events';
import { CreateTask, IncomingCreateTask, TaskCompleted, TaskCreated, TaskDeleted, TaskUpdated } from './task-events';
import { TOPICS, type Topic } from './topics';

/** The literal `type` an event schema from `eventSchema()` accepts. */
function typeOf<const T extends string>(schema: { shape: { type: z.ZodMiniLiteral<T> } }): T {
  return schema.shape.type.def.values[0]!;
}

/** Every event and command type, its schema and the topic it travels on. */
export const CATALOG = {
  [typeOf(TaskCreated)]: { schema: TaskCreated, topic: TOPICS.taskEvents },
  [typeOf(TaskUpdated)]: { schema: TaskUpdated, topic: TOPICS.taskEvents },
  [typeOf(TaskCompleted)]: { schema: TaskCompleted, topic: TOPICS.taskEvents },
  [typeOf(TaskDeleted)]: { schema: TaskDeleted, topic: TOPICS.taskEvents },
  // A command is read as any CloudEvents producer may send it; this system sends it in full (CreateTask).
  [typeOf(CreateTask)]: { schema: IncomingCreateTask, topic: TOPICS.taskCommands },
  [typeOf(ReminderScheduled)]: { schema: ReminderScheduled, topic: TOPICS.reminderEvents },
  [typeOf(ReminderDelivered)]: { schema: ReminderDelivered, topic: TOPICS.reminderEvents },
  [typeOf(ReminderFailed)]: { schema: ReminderFailed, topic: TOPICS.reminderEvents },
  [typeOf(NotificationSent)]: { schema: NotificationSent, topic: TOPICS.notificationEvents },
  [typeOf(NotificationDelivered)]: { schema: NotificationDelivered, topic: TOPICS.notificationEvents },
  [typeOf(NotificationFailed)]: { schema: NotificationFailed, topic: TOPICS.notificationEvents },
} as const satisfies Record<string, { schema: z.ZodMiniType; topic: Topic }>;

export type EventType = keyof typeof CATALOG;
export type AnyEvent = z.infer<(typeof CATALOG)[EventType]['schema']>;
export type EventOf<T extends EventType> = z.infer<(typeof CATALOG)[T]['schema']>;

export function isKnownType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.hasOwn(CATALOG, type);
}

export function topicOf(type: EventType): Topic {
  return CATALOG[type].topic;
}
