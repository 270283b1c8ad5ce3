import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';

export const ReminderStatus = z.enum(['scheduled', 'delivered', 'failed', 'cancelled']);
export type ReminderStatus = z.infer<typeof ReminderStatus>;

/** A reminder as the reminder context keeps it. Instants are ISO strings in UTC. */
export interface Reminder {
  id: string;
  taskId: string;
  userId: string;
  /** `task`: one of the task's offsets; `extra`: asked for with `POST /reminders/schedule`. */
  origin: 'task' | 'extra';
  /** The ISO 8601 duration before the due time; null for an absolute extra reminder. */
  before: string | null;
  remindAt: string;
  status: ReminderStatus;
}

/** The reminder context's projection of a task, kept from `task-events`. */
export interface TaskView {
  id: string;
  userId: string;
  title: string;
  dueAt: string | null;
  status: 'pending' | 'completed' | 'deleted';
  version: number;
  reminders: string[];
}

/** What the scheduler needs to know about a reminder. */
export type ScheduledReminder = Pick<Reminder, 'id' | 'remindAt'>;

/** A reminder as `GET /reminders` returns it. */
export const PublicReminder = z.object({ id: z.uuid(), taskId: z.uuid(), remindAt: Rfc3339, status: ReminderStatus });
z.globalRegistry.add(PublicReminder, { id: 'Reminder' });

export function publicReminder(reminder: Reminder): z.infer<typeof PublicReminder> {
  return { id: reminder.id, taskId: reminder.taskId, remindAt: reminder.remindAt, status: reminder.status };
}
