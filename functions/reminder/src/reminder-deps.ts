import type { FunctionDeps } from '#shared/runtime/function-module';
import type { ReminderScheduler } from './scheduler/reminder-scheduler';
import { sourceOf } from '#shared/system/function-events';

/** Everything the reminder function needs from the outside, built once by its entry point. */
export type ReminderDeps = FunctionDeps & {
  /** Told about every reminder scheduled, moved or cancelled, after the change committed. */
  scheduler: ReminderScheduler;
};

export const REMINDER_SOURCE = sourceOf('reminder');
