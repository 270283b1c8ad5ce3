import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';
import { NotificationChannel } from '#shared/events/notification-events';

export const NotificationStatus = z.enum(['pending', 'sending', 'delivered', 'failed']);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

/** One notification on one channel, as stored. */
export interface Notification {
  id: string;
  userId: string;
  reminderId: string | null;
  taskId: string | null;
  title: string;
  body: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  traceparent: string;
  attempts: number;
  /** When a pending webhook or email delivery may be tried (later than `createdAt` during quiet hours). */
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

/** A notification as the API shows it to its user. */
export const NotificationView = z.object({
  id: z.uuid(),
  taskId: z.nullable(z.uuid()),
  title: z.string(),
  body: z.string(),
  channel: NotificationChannel,
  status: NotificationStatus,
  createdAt: Rfc3339,
  readAt: z.nullable(Rfc3339),
});
export type NotificationView = z.infer<typeof NotificationView>;
z.globalRegistry.add(NotificationView, { id: 'Notification' });

export function toView(notification: Notification): NotificationView {
  const { id, taskId, title, body, channel, status, createdAt, readAt } = notification;
  return { id, taskId, title, body, channel, status, createdAt, readAt };
}
