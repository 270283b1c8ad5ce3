import { durationMs } from '#shared/contracts/time';
import { scheduleWhenKnown } from '../clients/schedule-when-known';
import { isUnavailable, ServiceError } from '../clients/service-error';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import { anchoredToDue, type Intent, momentAsDue, offsetBefore } from '../language';
import type { TurnDeps } from './assistant-deps';
import { durationWords, formatWhen, numbered } from './format';
import { onFreshTask } from './on-fresh-task';
import { say, type Turn } from './turn';

const REMINDERS_DOWN = 'Reminders are not available right now; please try again later.';

/**
 * "Remind me about X 3 days before" adds the offset to the task's reminders (the reminder function
 * schedules it from the task event, and moves it with the due time); "remind me about X at 9am"
 * asks the reminder function for an extra reminder at that time.
 */
export const remind = (intent: Extract<Intent, { kind: 'remind' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> =>
  onFreshTask(() => remindOnce(intent, target, state, deps), target, state);

async function remindOnce(intent: Extract<Intent, { kind: 'remind' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const next = { ...state, lastTask: target };
  if (intent.at && intent.atFloating) {
    const dueAt = (await deps.clients.tasks.get(deps.call, target.id)).dueAt;
    return remindAt(dueAt ? anchoredToDue(intent.at, intent.atFloating, dueAt, deps.timeZone) : intent.at, target, next, deps);
  }
  if (intent.at) return remindAt(intent.at, target, next, deps);
  const task = await deps.clients.tasks.get(deps.call, target.id);
  const onDueDay = intent.onDueDay;
  // "remind me at 7am" about a task with no due time: the next 7am.
  if (onDueDay && !task.dueAt && onDueDay.dayShift === 0) return remindAt(momentAsDue(onDueDay, { now: deps.now, timeZone: deps.timeZone }), target, next, deps);
  if (!task.dueAt) return say(`"${task.title}" has no due time, so I can't remind you before it. Give it one first, or ask for a reminder at a time.`, next);
  const before = onDueDay ? offsetBefore(onDueDay, task.dueAt, deps.timeZone) : intent.before ?? 'PT0S';
  if (before === undefined) return say(`That is after "${task.title}" is due (${formatWhen(task.dueAt, deps.timeZone, deps.now)}); say a time before it.`, next);
  if (task.reminders.includes(before)) return say(`You already have that reminder for "${task.title}".`, next);
  const updated = await deps.clients.tasks.update(deps.call, task.id, { reminders: [...task.reminders, before].slice(-10) }, task.version);
  const at = new Date(new Date(task.dueAt).getTime() - durationMs(before)).toISOString();
  const when = before === 'PT0S' ? 'when it is due' : `${durationWords(before)} before it is due`;
  return say(`I'll remind you about "${task.title}" ${when} (${formatWhen(at, deps.timeZone, deps.now)}).`, { ...next, lastReminder: { taskId: task.id, offset: before } }, {
    actions: [{ kind: 'reminder-scheduled', taskIds: [updated.id] }],
    tasks: [updated],
  });
}

/** An extra reminder at an instant, asked of the reminder function. */
async function remindAt(at: string, target: TaskSummary, next: ConversationState, deps: TurnDeps): Promise<Turn> {
  try {
    const reminder = await scheduleWhenKnown(deps.clients, deps.call, { taskId: target.id, remindAt: at });
    return say(`I'll remind you about "${target.title}" on ${formatWhen(reminder.remindAt ?? at, deps.timeZone, deps.now)}.`, next, {
      actions: [{ kind: 'reminder-scheduled', taskIds: [target.id] }],
    });
  } catch (error) {
    if (isUnavailable(error)) return say(REMINDERS_DOWN, next);
    if (error instanceof ServiceError && error.failure === 'rejected') return say(`I couldn't schedule that reminder: ${error.message}.`, next);
    throw error;
  }
}

/** The user's upcoming reminders, with the titles of their tasks. */
export async function listReminders(state: ConversationState, deps: TurnDeps): Promise<Turn> {
  let reminders;
  try {
    reminders = await deps.clients.reminders.list(deps.call);
  } catch (error) {
    if (isUnavailable(error)) return say(REMINDERS_DOWN, state);
    throw error;
  }
  const upcoming = reminders.filter((reminder) => reminder.status === 'scheduled').sort((a, b) => a.remindAt.localeCompare(b.remindAt));
  if (upcoming.length === 0) return say('You have no upcoming reminders.', state);
  const titles = new Map((await deps.clients.tasks.list(deps.call, { status: 'pending', limit: 200 })).items.map((task) => [task.id, task.title]));
  const lines = upcoming.slice(0, 50).map((reminder) => `"${titles.get(reminder.taskId) ?? 'a task'}" — ${formatWhen(reminder.remindAt, deps.timeZone, deps.now)}`);
  return say(`Your upcoming reminders:\n${numbered(lines)}`, state);
}

/** The user's latest in-app notifications. */
export async function listNotifications(state: ConversationState, deps: TurnDeps): Promise<Turn> {
  try {
    const items = await deps.clients.notifications.list(deps.call, deps.userId);
    if (items.length === 0) return say('You have no notifications.', state);
    const lines = items.slice(0, 10).map((item) => `${item.title}${item.body ? ` — ${item.body}` : ''} (${formatWhen(item.createdAt, deps.timeZone, deps.now)})`);
    return say(`Your latest notifications:\n${numbered(lines)}`, state);
  } catch (error) {
    if (isUnavailable(error)) return say('Notifications are not available right now; please try again later.', state);
    throw error;
  }
}
