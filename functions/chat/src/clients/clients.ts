import type { DaprSidecar } from '#shared/dapr/dapr-sidecar';
import type { ChatConfig } from '../chat-config';
import { httpNotificationClient, type NotificationClient } from './notification-client';
import { httpReminderClient, type ReminderClient } from './reminder-client';
import { serviceCaller } from './service-caller';
import { daprTransport, directTransport, type InProcessApp, type ServiceTransport } from './service-transport';
import { httpTaskClient, type TaskClient } from './task-client';

export interface Clients {
  mode: ServiceTransport['mode'];
  tasks: TaskClient;
  reminders: ReminderClient;
  notifications: NotificationClient;
}

/**
 * The transport `TASK_SERVICE` selects: `dapr` (service invocation through the sidecar) or `direct`
 * (HTTP to each function's URL; without one, to this process's own app, in process when it is given).
 */
export function transportFor(config: ChatConfig, sidecar: DaprSidecar, inProcess?: InProcessApp): ServiceTransport {
  if (config.TASK_SERVICE === 'dapr') return daprTransport(sidecar);
  return directTransport({ task: config.TASK_URL, reminder: config.REMINDER_URL, notification: config.NOTIFICATION_URL }, inProcess);
}

export function createClients(transport: ServiceTransport): Clients {
  const call = serviceCaller(transport);
  return { mode: transport.mode, tasks: httpTaskClient(call), reminders: httpReminderClient(call), notifications: httpNotificationClient(call) };
}
