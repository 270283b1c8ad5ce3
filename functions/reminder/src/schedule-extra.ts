import { appendToOutbox } from '#shared/outbox/outbox';
import { planExtraReminder } from './decide';
import type { Reminder } from './reminder';
import { REMINDER_SOURCE, type ReminderDeps } from './reminder-deps';
import { findTaskView, insertReminders } from './reminder-store';

export interface ExtraReminderRequest {
  taskId: string;
  remindAt?: string;
  before?: string;
}

/**
 * Schedules an extra reminder for one of the user's tasks, as the projection knows it; null when the
 * task is unknown, another user's or deleted. The task row is locked so a concurrent completion
 * sees (and cancels) the new reminder. Throws `ReminderRuleViolation` for a request the task refuses.
 */
export async function scheduleExtraReminder(deps: ReminderDeps, actor: { userId: string; traceparent: string }, request: ExtraReminderRequest): Promise<Reminder | null> {
  const now = deps.clock();
  const reminder = await deps.sql.begin(async (tx) => {
    const task = await findTaskView(tx, deps.schema, actor.userId, request.taskId, true);
    if (!task) return null;
    const plan = planExtraReminder(task, request, { source: REMINDER_SOURCE, userId: actor.userId, traceparent: actor.traceparent, now, newId: deps.newId });
    await insertReminders(tx, deps.schema, [plan.reminder], now, actor.traceparent);
    await appendToOutbox(tx, deps.schema, plan.events);
    return plan.reminder;
  });
  if (reminder) {
    deps.eventsCommitted();
    await deps.scheduler.schedule(reminder);
  }
  return reminder;
}
