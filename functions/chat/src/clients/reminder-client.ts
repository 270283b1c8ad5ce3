import type { ServiceCaller } from './service-caller';
import type { CallContext } from './service-transport';

export interface Reminder {
  id: string;
  taskId: string;
  remindAt: string;
  status: string;
}

/** The reminder function's API (app-id `reminder`): the user's reminders and extra ones at a time. */
export interface ReminderClient {
  list(context: CallContext): Promise<Reminder[]>;
  schedule(context: CallContext, request: { taskId: string; remindAt?: string; before?: string }): Promise<Reminder>;
}

export function httpReminderClient(call: ServiceCaller): ReminderClient {
  return {
    list: async (context) => (await call<{ items: Reminder[] }>('reminder', { method: 'GET', path: '/reminders?status=scheduled' }, context)).items,
    schedule: (context, request) => call('reminder', { method: 'POST', path: '/reminders/schedule', body: request }, context),
  };
}
