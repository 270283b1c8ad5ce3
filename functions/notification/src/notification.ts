import type { NotificationChannel } from '#shared/events/notification-events';

export type NotificationStatus = 'pending' | 'sending' | 'delivered' | 'failed';

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
export interface NotificationView {
  id: string;
  taskId: string | null;
  title: string;
  body: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  createdAt: string;
  readAt: string | null;
}

export function toView(notification: Notification): NotificationView {
  const { id, taskId, title, body, channel, status, createdAt, readAt } = notification;
  return { id, taskId, title, body, channel, status, createdAt, readAt };
}
