import type { ScheduledReminder } from '../reminder';

/**
 * Makes scheduled reminders fire at their time. The reminder rows are the truth: `schedule` and
 * `cancel` are called after the change committed, and an implementation must not lose a reminder
 * when its backend is briefly down (local: the row is the schedule; dapr: retried in the
 * background and re-synced from the rows at start).
 */
export interface ReminderScheduler {
  /** A reminder was scheduled or moved to `remindAt`. */
  schedule(reminder: ScheduledReminder): Promise<void>;
  /** A reminder was cancelled (a reminder it does not know is fine). */
  cancel(reminderId: string): Promise<void>;
  /** Called once the schema is migrated and the consumer subscribed. */
  start(): Promise<void>;
  /** Called on shutdown, before the database closes; waits for work in flight. */
  stop(): Promise<void>;
}
