import { durationMs } from '#shared/contracts/time';
import type { AnyEvent, EventContext } from '#shared/events/index';
import { eventsOf } from '#shared/system/function-events';
import type { Reminder, TaskView } from './reminder';
import { RuleViolation } from '#shared/contracts/rule-violation';

const newEvent = eventsOf('reminder');

/**
 * Past-due policy: a reminder whose time is already more than this in the past when it is scheduled
 * (a task created or moved after its reminder time, an offset larger than the time left) is skipped
 * silently; within it, it is scheduled and fires at once. One minute, the delivery target.
 */
export const PAST_DUE_GRACE_MS = 60_000;

/** A reminder that fires this long or longer after its time is marked `late` (e.g. fired at start-up). */
export const LATE_AFTER_MS = 30_000;


export interface Plan {
  create: Reminder[];
  /** Reminders with their new `remindAt`. */
  move: Reminder[];
  cancel: Reminder[];
  events: AnyEvent[];
}

const at = (instant: string) => new Date(instant).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function targetOf(task: TaskView, before: string | null): number | null {
  if (!task.dueAt || before === null) return null;
  return at(task.dueAt) - durationMs(before);
}

function scheduledEvent(reminder: Reminder, task: TaskView, context: EventContext): AnyEvent {
  return newEvent('dev.todo.reminder.scheduled.v1', context, {
    subject: task.id,
    data: { reminderId: reminder.id, taskId: task.id, title: task.title, remindAt: reminder.remindAt, dueAt: task.dueAt },
  });
}

/**
 * The reminders a task snapshot implies, given the task's current reminder rows (cancelled ones
 * need not be passed): one scheduled reminder per offset while the task is pending with a due time;
 * a changed due time moves them (relative extra reminders too); a removed offset, a completion or a
 * deletion cancels them. A reminder already delivered or failed for the same time is not repeated;
 * a cancelled one is never revived (a new one is created instead when the task asks for it again).
 */
export function planReminders(task: TaskView, current: readonly Reminder[], context: EventContext): Plan {
  const now = context.now.getTime();
  const plan: Plan = { create: [], move: [], cancel: [], events: [] };
  const scheduled = current.filter((reminder) => reminder.status === 'scheduled');
  const pending = task.status === 'pending';
  const isPast = (ms: number) => ms < now - PAST_DUE_GRACE_MS;

  const retime = (reminder: Reminder, target: number | null) => {
    if (target === null || isPast(target)) plan.cancel.push(reminder);
    else if (target !== at(reminder.remindAt)) plan.move.push({ ...reminder, remindAt: iso(target) });
  };

  const offsets = pending && task.dueAt ? task.reminders : [];
  for (const reminder of scheduled) {
    if (!pending) plan.cancel.push(reminder);
    else if (reminder.origin === 'task' && !offsets.includes(reminder.before ?? '')) plan.cancel.push(reminder);
    else if (reminder.before !== null) retime(reminder, targetOf(task, reminder.before));
  }

  for (const offset of offsets) {
    const target = targetOf(task, offset)!;
    const ofOffset = current.filter((reminder) => reminder.origin === 'task' && reminder.before === offset);
    if (ofOffset.some((reminder) => reminder.status === 'scheduled')) continue;
    if (ofOffset.some((reminder) => reminder.status !== 'cancelled' && at(reminder.remindAt) === target)) continue;
    if (isPast(target)) continue;
    plan.create.push({ id: context.newId(), taskId: task.id, userId: task.userId, origin: 'task', before: offset, remindAt: iso(target), status: 'scheduled' });
  }

  plan.events = [...plan.create, ...plan.move].map((reminder) => scheduledEvent(reminder, task, context));
  return plan;
}

/**
 * An extra reminder for one of the user's tasks, at `remindAt` or `before` its due time (exactly
 * one of the two, checked by the request schema). The past-due policy applies: a time more than
 * {@link PAST_DUE_GRACE_MS} ago is refused.
 */
export function planExtraReminder(task: TaskView, request: { remindAt?: string; before?: string }, context: EventContext): { reminder: Reminder; events: AnyEvent[] } {
  if (task.status !== 'pending') throw new RuleViolation('taskId', 'the task is completed; reopen it to add reminders');
  const field = request.before !== undefined ? 'before' : 'remindAt';
  if (request.before !== undefined && !task.dueAt) throw new RuleViolation('before', 'the task has no due time to count back from; give remindAt instead');
  const target = request.before !== undefined ? targetOf(task, request.before)! : at(request.remindAt!);
  if (target < context.now.getTime() - PAST_DUE_GRACE_MS) throw new RuleViolation(field, 'is in the past');
  const reminder: Reminder = {
    id: context.newId(),
    taskId: task.id,
    userId: task.userId,
    origin: 'extra',
    before: request.before ?? null,
    remindAt: iso(target),
    status: 'scheduled',
  };
  return { reminder, events: [scheduledEvent(reminder, task, context)] };
}

export interface Firing {
  status: 'delivered' | 'failed';
  reason: string | null;
  event: AnyEvent;
}

function failureReason(task: TaskView | null): string | null {
  if (!task || task.status === 'deleted') return 'the task no longer exists';
  if (task.status === 'completed') return 'the task is already completed';
  return null;
}

/**
 * A due reminder fires: `ReminderDelivered` (late when it fires {@link LATE_AFTER_MS} or more after
 * its time), or `ReminderFailed` when it cannot be handed on because its task is gone or done.
 */
export function decideFiring(reminder: Reminder, task: TaskView | null, context: EventContext): Firing {
  const facts = { reminderId: reminder.id, taskId: reminder.taskId, title: task?.title ?? '', remindAt: reminder.remindAt, dueAt: task?.dueAt ?? null };
  const reason = failureReason(task);
  if (reason) {
    return { status: 'failed', reason, event: newEvent('dev.todo.reminder.failed.v1', context, { subject: reminder.taskId, data: { ...facts, reason } }) };
  }
  const late = context.now.getTime() - at(reminder.remindAt) >= LATE_AFTER_MS;
  const event = newEvent('dev.todo.reminder.delivered.v1', context, { subject: reminder.taskId, data: { ...facts, deliveredAt: context.now.toISOString(), late } });
  return { status: 'delivered', reason: null, event };
}
