import * as z from 'zod/mini';
import { Rfc3339 } from '../contracts/time';
import { eventSchema } from './envelope';

export const NotificationChannel = z.enum(['in-app', 'webhook', 'email']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

const NotificationFacts = z.object({
  notificationId: z.string().check(z.minLength(1)),
  channel: NotificationChannel,
  taskId: z.nullable(z.uuid()),
  reminderId: z.nullable(z.string()),
  title: z.string(),
});

export const NotificationSent = eventSchema('dev.todo.notification.sent.v1', NotificationFacts);
export type NotificationSent = z.infer<typeof NotificationSent>;

export const NotificationDelivered = eventSchema(
  'dev.todo.notification.delivered.v1',
  z.extend(NotificationFacts, { deliveredAt: Rfc3339 }),
);
export type NotificationDelivered = z.infer<typeof NotificationDelivered>;

export const NotificationFailed = eventSchema(
  'dev.todo.notification.failed.v1',
  z.extend(NotificationFacts, { reason: z.string().check(z.minLength(1)), attempts: z.number().check(z.int(), z.minimum(1)) }),
);
export type NotificationFailed = z.infer<typeof NotificationFailed>;
