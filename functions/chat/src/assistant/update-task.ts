import type { TaskChanges } from '#shared/contracts/task';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import { defaultTimeOn, type Intent, today } from '../language';
import type { TurnDeps } from './assistant-deps';
import { formatInZone, instantOf } from '../time/zoned-time';
import { dueOnRule } from './due-on-rule';
import { onFreshTask } from './on-fresh-task';
import { describeTask, durationWords } from './format';
import { atTimeOfDay, onDayKeepingTime, onDayOfMonth, shiftedDue } from './shift-due';
import { summary } from './task-summary';
import { say, type Turn } from './turn';

const MONTH_MS = 31 * 24 * 3_600_000;

/** The title with one word (or phrase) said again; the new words alone when the old ones are not in it. */
function titleWithWord(title: string, { from, to }: { from: string; to: string }): string {
  const at = title.toLowerCase().indexOf(from.toLowerCase());
  return at < 0 ? to : `${title.slice(0, at)}${to}${title.slice(at + from.length)}`;
}

/** The first default time of day (9:00, else later today) at or after now, in the user's zone. */
function nextDefaultTime(now: Date, timeZone: string): string {
  const context = { now, timeZone };
  const todayAt = instantOf(defaultTimeOn(today(context), context), timeZone);
  return formatInZone(todayAt, timeZone);
}

/** Changes one task as the message asks; right after a reminder, a bare number is its new amount. */
export async function update(intent: Extract<Intent, { kind: 'update' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { lastReminder, ...rest } = state;
  const bare = intent.changes.timeOfDay?.bare;
  const last = lastReminder && intent.target.kind === 'it' && lastReminder.taskId === target.id ? lastReminder : undefined;
  if (last && bare !== undefined && Object.keys(intent.changes).length === 1) return onFreshTask(() => changeReminder(last, amountLike(last.offset, bare), target, rest, deps), target, rest);
  // "remind me 45 minutes before", then "make that an hour before": that reminder moves.
  const reminderOffset = intent.changes.reminderOffset;
  if (reminderOffset) return onFreshTask(() => changeReminder(last, reminderOffset, target, rest, deps), target, rest);
  return onFreshTask(() => updateTask(intent, target, rest, deps), target, rest);
}

/** "make it 20" after a reminder 10 minutes before: 20 of the same unit. */
function amountLike(offset: string, amount: number): string {
  const unit = /^P(?:\d+)W$/.test(offset) ? 'W' : /^P\d+D$/.test(offset) ? 'D' : /H$/.test(offset) ? 'H' : 'M';
  return unit === 'W' || unit === 'D' ? `P${amount}${unit}` : `PT${amount}${unit}`;
}

/** The reminder just talked about at a new offset (without one, the offset is added). */
async function changeReminder(last: { taskId: string; offset: string } | undefined, offset: string, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const task = await deps.clients.tasks.get(deps.call, target.id);
  if (!task.dueAt) return say(`"${task.title}" has no due time, so I can't remind you before it. Give it one first, or ask for a reminder at a time.`, { ...state, lastTask: summary(task) });
  // Without one just talked about, the task's only reminder before the due time is the one meant.
  const before = task.reminders.filter((reminder) => reminder !== 'PT0S');
  const replaced = last?.offset ?? (before.length === 1 ? before[0] : undefined);
  const reminders = [...new Set(replaced ? task.reminders.map((reminder) => (reminder === replaced ? offset : reminder)) : [...task.reminders, offset])].slice(-10);
  const updated = await deps.clients.tasks.update(deps.call, task.id, { reminders }, task.version);
  return say(`I'll remind you about "${task.title}" ${durationWords(offset)} before it is due instead.`, { ...state, lastTask: summary(updated), lastReminder: { taskId: task.id, offset } }, {
    actions: [{ kind: 'reminder-scheduled', taskIds: [task.id] }],
    tasks: [updated],
  });
}

async function updateTask(intent: Extract<Intent, { kind: 'update' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { addTags, removeTags, shiftBy, keepTimeOfDay, timeOfDay, dayOfMonth, replaceInTitle, reminderOffset: _reminderOffset, ...fields } = intent.changes;
  const changes: TaskChanges = {};
  for (const key of ['title', 'description', 'dueAt', 'priority', 'recurrence', 'tags', 'reminders'] as const) {
    if (fields[key] !== undefined) (changes as Record<string, unknown>)[key] = fields[key];
  }
  const newRule = fields.recurrence && fields.dueAt === undefined ? fields.recurrence : undefined;
  // A change worked out from the task as read applies to that version only (see onFreshTask).
  let readVersion: number | undefined;
  if (addTags?.length || removeTags?.length || shiftBy || keepTimeOfDay || timeOfDay || newRule || dayOfMonth || replaceInTitle) {
    const current = await deps.clients.tasks.get(deps.call, target.id);
    readVersion = current.version;
    if (replaceInTitle) changes.title = titleWithWord(current.title, replaceInTitle);
    // "no, the 15th" about a task due 14 May (months away): 15 May, not the next 15th from today; about
    // a task due within the month ahead, the next 15th, as for a new task.
    const monthsAway = !!current.dueAt && new Date(current.dueAt).getTime() - deps.now.getTime() > MONTH_MS;
    const sameMonth = dayOfMonth && current.dueAt && monthsAway ? onDayOfMonth(current.dueAt, dayOfMonth, deps.timeZone) : undefined;
    if (sameMonth && new Date(sameMonth) >= deps.now) changes.dueAt = sameMonth;
    // "make that every 2 days" on a task without a due time: from the next default time of day.
    if (newRule && !current.dueAt) changes.dueAt = dueOnRule(nextDefaultTime(deps.now, deps.timeZone), newRule.rrule, newRule.timezone);
    // "change it to every tues and thurs": the due day moves onto the new rule.
    if (newRule && current.dueAt) {
      // From today at the task's time of day: "every saturday" instead of sundays is this saturday.
      const todayAtItsTime = onDayKeepingTime(formatInZone(deps.now, deps.timeZone), current.dueAt, deps.timeZone);
      const from = new Date(todayAtItsTime) > deps.now ? todayAtItsTime : shiftedDue(todayAtItsTime, 'P1D', deps.timeZone);
      const namesDays = /\bBY(?:DAY|MONTHDAY)=/i.test(newRule.rrule);
      const onRule = dueOnRule(namesDays && new Date(from) > deps.now && new Date(from) < new Date(current.dueAt) ? from : current.dueAt, newRule.rrule, newRule.timezone);
      if (onRule !== current.dueAt) changes.dueAt = onRule;
    }
    // "move it to next friday and make it 1pm": the new time on the new day.
    const day = typeof changes.dueAt === 'string' ? changes.dueAt : current.dueAt;
    if (timeOfDay) changes.dueAt = atTimeOfDay(day, timeOfDay, deps.timeZone, deps.now);
    else if (keepTimeOfDay && current.dueAt && typeof changes.dueAt === 'string') changes.dueAt = onDayKeepingTime(changes.dueAt, current.dueAt, deps.timeZone);
    if (addTags?.length || removeTags?.length) {
      const tags = new Set(changes.tags ?? current.tags);
      for (const tag of addTags ?? []) tags.add(tag);
      for (const tag of removeTags ?? []) tags.delete(tag);
      changes.tags = [...tags];
    }
    if (shiftBy) {
      if (!current.dueAt) return say(`"${current.title}" has no due time to move; say when it is due, e.g. "move it to friday 9am".`, { ...state, lastTask: target });
      changes.dueAt = shiftedDue(current.dueAt, shiftBy, deps.timeZone);
    }
  }
  if (changes.dueAt === null) changes.reminders = [];
  if (Object.keys(changes).length === 0) return say(`What should I change about "${target.title}"?`, { ...state, lastTask: target });
  const task = await deps.clients.tasks.update(deps.call, target.id, changes, readVersion);
  const notes = [
    changes.description ? `Note: "${task.description}".` : '',
    changes.dueAt === null ? 'It has no due time now.' : '',
    changes.recurrence === null ? 'It no longer repeats.' : '',
    intent.changes.reminders?.length === 0 && changes.dueAt !== null ? "I won't remind you about it." : '',
  ].filter(Boolean);
  return say([`Updated ${describeTask(task, deps.timeZone, deps.now)}.`, ...notes].join(' '), { ...state, lastTask: summary(task) }, {
    actions: [{ kind: 'updated', taskIds: [task.id] }],
    tasks: [task],
  });
}
