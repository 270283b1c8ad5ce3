import type { ServiceCaller } from './service-caller';
import type { CallContext } from './service-transport';

export interface StoredNotification {
  id: string;
  taskId: string | null;
  title: string;
  body: string;
  channel: string;
  status: string;
  createdAt: string;
  readAt: string | null;
}

/** The notification function's API (app-id `notification`): the user's stored notifications, newest first. */
export interface NotificationClient {
  list(context: CallContext, userId: string): Promise<StoredNotification[]>;
}

export function httpNotificationClient(call: ServiceCaller): NotificationClient {
  return {
    list: async (context, userId) =>
      (await call<{ items: StoredNotification[] }>('notification', { method: 'GET', path: `/notifications/${encodeURIComponent(userId)}` }, context)).items,
  };
}
