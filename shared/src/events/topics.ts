/** Kafka topics. Each event type is published to exactly one of them. */
export const TOPICS = {
  taskEvents: 'task-events',
  taskCommands: 'task-commands',
  reminderEvents: 'reminder-events',
  notificationEvents: 'notification-events',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Every consumer function has its own dead-letter topic. */
export function deadLetterTopic(consumer: string): string {
  return `${consumer}-dead-letter`;
}
