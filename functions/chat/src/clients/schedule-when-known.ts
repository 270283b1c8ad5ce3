import type { Clients } from './clients';
import type { Reminder } from './reminder-client';
import { isNotFound, ServiceError } from './service-error';
import type { CallContext } from './service-transport';

/** About two and a half seconds in all, in growing steps: a fresh task event (the relay is woken on commit) usually arrives within the first. */
const WAITS_MS = [5, 10, 25, 50, 100, 200, 400, 700, 1_000];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Schedules an extra reminder. The reminder function knows tasks from `task-events`, so a task created
 * a moment ago may not have reached it yet and it answers 404: when the task function confirms the
 * task is the user's, the request is tried again a few times while the event arrives (then it counts
 * as unavailable). Another user's or a deleted task stays a 404 at once.
 */
export async function scheduleWhenKnown(clients: Clients, call: CallContext, request: { taskId: string; remindAt?: string; before?: string }, wait = sleep): Promise<Reminder> {
  try {
    return await clients.reminders.schedule(call, request);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await clients.tasks.get(call, request.taskId);
    for (const ms of WAITS_MS) {
      await wait(ms);
      try {
        return await clients.reminders.schedule(call, request);
      } catch (retryError) {
        if (!isNotFound(retryError)) throw retryError;
      }
    }
    throw new ServiceError('reminder', 'unavailable', 'reminder does not know this task yet; try again in a moment');
  }
}
