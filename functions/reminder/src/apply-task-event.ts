import { claimEvent } from '#shared/db/idempotency';
import type { EventOf } from '#shared/events/catalog';
import { appendToOutbox } from '#shared/outbox/outbox';
import { type Plan, planReminders } from './decide';
import type { TaskView } from './reminder';
import { REMINDER_SOURCE, type ReminderDeps } from './reminder-deps';
import { activeTraceparent } from '#shared/trace/spans';
import { cancelReminders, insertReminders, liveRemindersOfTask, moveReminders, saveTaskView } from './reminder-store';

export type TaskEvent = EventOf<'dev.todo.task.created.v1' | 'dev.todo.task.updated.v1' | 'dev.todo.task.completed.v1' | 'dev.todo.task.deleted.v1'>;

export type ApplyResult = { kind: 'applied'; plan: Plan } | { kind: 'duplicate' } | { kind: 'stale' };

/** The projection row a task event implies (a deletion keeps the row, so older events stay ignored). */
export function taskViewOf(event: TaskEvent): TaskView {
  const { task } = event.data;
  const status = event.type === 'dev.todo.task.deleted.v1' ? 'deleted' : task.status;
  return { id: task.id, userId: event.userid, title: task.title, dueAt: task.dueAt ? new Date(task.dueAt).toISOString() : null, status, version: task.version, reminders: task.reminders };
}

/**
 * Applies one task event: claims it (a redelivery does nothing), updates the projection when the
 * snapshot is newer than the last applied one (an older or equal version does nothing), then creates,
 * moves and cancels the task's reminders and writes `ReminderScheduled` events, all in one
 * transaction. The scheduler hears of the changes after the commit.
 */
export async function applyTaskEvent(deps: ReminderDeps, event: TaskEvent): Promise<ApplyResult> {
  const now = deps.clock();
  const result = await deps.sql.begin(async (tx): Promise<ApplyResult> => {
    if (!(await claimEvent(tx, deps.schema, event))) return { kind: 'duplicate' };
    const task = taskViewOf(event);
    if (!(await saveTaskView(tx, deps.schema, task))) return { kind: 'stale' };
    const current = await liveRemindersOfTask(tx, deps.schema, task.id);
    const plan = planReminders(task, current, { source: REMINDER_SOURCE, userId: task.userId, traceparent: event.traceparent, now, newId: deps.newId });
    await insertReminders(tx, deps.schema, plan.create, now, activeTraceparent() ?? event.traceparent);
    await moveReminders(tx, deps.schema, plan.move, now);
    await cancelReminders(tx, deps.schema, plan.cancel.map((reminder) => reminder.id), now);
    await appendToOutbox(tx, deps.schema, plan.events);
    return { kind: 'applied', plan };
  });
  if (result.kind === 'applied') {
    if (result.plan.events.length > 0) deps.eventsCommitted();
    await tellScheduler(deps, result.plan);
  }
  return result;
}

async function tellScheduler(deps: ReminderDeps, plan: Plan): Promise<void> {
  for (const reminder of [...plan.create, ...plan.move]) await deps.scheduler.schedule(reminder);
  for (const reminder of plan.cancel) await deps.scheduler.cancel(reminder.id);
}
