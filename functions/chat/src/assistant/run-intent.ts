import type { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import { isNotFound, isUnavailable, ServiceError } from '../clients/service-error';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import type { Intent, TaskRef } from '../language/intent';
import type { TurnDeps } from './assistant-deps';
import { clearCompleted } from './clear-completed';
import { describeTask, durationWords, HELP, joinWords, remindersSentence } from './format';
import { listReminders, listNotifications, remind } from './reminder-operations';
import { type Preference, resolveRef } from './resolve-ref';
import { listTasks } from './list-operation';
import { dueOnRule } from './due-on-rule';
import { atTimeOfDay, onDayKeepingTime, onDayOfMonth, shiftedDue } from './shift-due';
import { showTask } from './show-task';
import { say, type Turn } from './turn';

const summary = (task: Task): TaskSummary => ({ id: task.id, title: task.title });
const quoted = (tasks: { title: string }[]) => joinWords(tasks.map((task) => `"${task.title}"`));

type Resolved = { kind: 'ok'; tasks: TaskSummary[] } | { kind: 'stop'; turn: Turn } | { kind: 'no-such-task'; reply: string };

/**
 * Another reading of the message, as a task to add, for when a word that can be a command ("finish
 * the report", "trash out on thursdays") names no task of the user's: then it was not a command.
 */
export type AsNewTask = () => Extract<Intent, { kind: 'add' }> | undefined;

/** "buy paint and buy brushes", "laundry, dishes": several titles in one phrase, when each names one task. */
async function eachOf(text: string, preference: Preference, state: ConversationState, deps: TurnDeps): Promise<TaskSummary[] | undefined> {
  const parts = text.split(/,|&|\band\b/).map((part) => part.trim()).filter(Boolean);
  if (parts.length < 2 || parts.length > 10) return undefined;
  const tasks: TaskSummary[] = [];
  for (const part of parts) {
    const resolution = await resolveRef({ kind: 'title', text: part }, state, preference, deps);
    if (resolution.kind !== 'task') return undefined;
    tasks.push(resolution.task);
  }
  return tasks;
}

/** Resolves every reference in order; stops at the first unknown one, or asks which one was meant. */
async function resolveAll(intent: Intent, refs: TaskRef[], preference: Preference, state: ConversationState, deps: TurnDeps, preResolved: TaskSummary[]): Promise<Resolved> {
  const tasks: TaskSummary[] = [];
  for (const [position, ref] of refs.entries()) {
    const known = preResolved[position];
    if (known) {
      tasks.push(known);
      continue;
    }
    // "delete the dentist and the car service": two tasks, when each part names one.
    if (refs.length === 1 && ref.kind === 'title' && /,|&|\band\b/i.test(ref.text)) {
      const several = await eachOf(ref.text, preference, state, deps);
      if (several && new Set(several.map((task) => task.id)).size === several.length) return { kind: 'ok', tasks: several };
    }
    const resolution = await resolveRef(ref, state, preference, deps);
    const couldBeSeveral = (resolution.kind === 'missing' && resolution.nothingMatched) || (resolution.kind === 'ambiguous' && resolution.fuzzy);
    if (couldBeSeveral && refs.length === 1 && ref.kind === 'title') {
      const several = await eachOf(ref.text, preference, state, deps);
      if (several) return { kind: 'ok', tasks: several };
    }
    if (resolution.kind === 'missing' && resolution.nothingMatched && refs.length === 1) return { kind: 'no-such-task', reply: resolution.reply };
    if (resolution.kind === 'missing') return { kind: 'stop', turn: say(resolution.reply, state) };
    if (resolution.kind === 'ambiguous') {
      const { candidates } = resolution;
      const what = ref.kind === 'title' ? `"${ref.text}"` : 'that';
      const reply = `Which one do you mean by ${what}?\n${candidates.map((task, index) => `${index + 1}. "${task.title}"`).join('\n')}\nAnswer with a number.`;
      return {
        kind: 'stop',
        turn: say(reply, { ...state, lastList: candidates, pending: { intent, refPosition: position, resolved: [...tasks], candidates } }, {
          actions: [{ kind: 'clarify', taskIds: candidates.map((task) => task.id) }],
        }),
      };
    }
    tasks.push(resolution.task);
  }
  return { kind: 'ok', tasks };
}

/** The conversation's added tasks with `tasks` at the end (the last 50). */
export function withAdded(state: ConversationState, tasks: TaskSummary[]): TaskSummary[] {
  return [...(state.added ?? []), ...tasks].slice(-50);
}

export function draftToNewTask(draft: Extract<Intent, { kind: 'add' }>['task']): NewTask {
  const task: NewTask = { title: draft.title };
  if (draft.description) task.description = draft.description;
  if (draft.dueAt) task.dueAt = draft.dueAt;
  if (draft.priority) task.priority = draft.priority;
  if (draft.tags?.length) task.tags = draft.tags;
  if (draft.reminders) task.reminders = draft.reminders;
  if (draft.recurrence) task.recurrence = draft.recurrence;
  return task;
}

async function add(intent: Extract<Intent, { kind: 'add' }>, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const task = await deps.clients.tasks.create(deps.call, draftToNewTask(intent.task));
  const reminders = remindersSentence(task);
  const next = { ...state, lastTask: summary(task), added: withAdded(state, [summary(task)]) };
  return say(`Added ${describeTask(task, deps.timeZone, deps.now)}.${reminders ? ` ${reminders}` : ''}`, next, {
    actions: [{ kind: 'created', taskIds: [task.id] }],
    tasks: [task],
  });
}

async function update(intent: Extract<Intent, { kind: 'update' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { lastReminder, ...rest } = state;
  const bare = intent.changes.timeOfDay?.bare;
  if (lastReminder && intent.target.kind === 'it' && lastReminder.taskId === target.id && bare !== undefined && Object.keys(intent.changes).length === 1) {
    return changeReminderAmount(lastReminder, bare, target, rest, deps);
  }
  return updateTask(intent, target, rest, deps);
}

/** "remind me 10 minutes before", then "make it 20": the same reminder, 20 minutes before. */
async function changeReminderAmount(last: { taskId: string; offset: string }, amount: number, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const unit = /^P(?:\d+)W$/.test(last.offset) ? 'W' : /^P\d+D$/.test(last.offset) ? 'D' : /H$/.test(last.offset) ? 'H' : 'M';
  const offset = unit === 'W' || unit === 'D' ? `P${amount}${unit}` : `PT${amount}${unit}`;
  const task = await deps.clients.tasks.get(deps.call, target.id);
  const reminders = [...new Set(task.reminders.map((reminder) => (reminder === last.offset ? offset : reminder)))];
  const updated = await deps.clients.tasks.update(deps.call, task.id, { reminders });
  return say(`I'll remind you about "${task.title}" ${durationWords(offset)} before it is due instead.`, { ...state, lastTask: summary(updated), lastReminder: { taskId: task.id, offset } }, {
    actions: [{ kind: 'reminder-scheduled', taskIds: [task.id] }],
    tasks: [updated],
  });
}

async function updateTask(intent: Extract<Intent, { kind: 'update' }>, target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { addTags, removeTags, shiftBy, keepTimeOfDay, timeOfDay, dayOfMonth, ...fields } = intent.changes;
  const changes: TaskChanges = {};
  for (const key of ['title', 'description', 'dueAt', 'priority', 'recurrence', 'tags', 'reminders'] as const) {
    if (fields[key] !== undefined) (changes as Record<string, unknown>)[key] = fields[key];
  }
  const newRule = fields.recurrence && fields.dueAt === undefined ? fields.recurrence : undefined;
  if (addTags?.length || removeTags?.length || shiftBy || keepTimeOfDay || timeOfDay || newRule || dayOfMonth) {
    const current = await deps.clients.tasks.get(deps.call, target.id);
    // "no, the 15th" about a task due 14 May: 15 May, not the next 15th from today.
    const sameMonth = dayOfMonth && current.dueAt ? onDayOfMonth(current.dueAt, dayOfMonth, deps.timeZone) : undefined;
    if (sameMonth && new Date(sameMonth) >= deps.now) changes.dueAt = sameMonth;
    // "change it to every tues and thurs": the due day moves onto the new rule.
    if (newRule && current.dueAt) {
      const onRule = dueOnRule(current.dueAt, newRule.rrule, newRule.timezone);
      if (onRule !== current.dueAt) changes.dueAt = onRule;
    }
    if (timeOfDay) changes.dueAt = atTimeOfDay(current.dueAt, timeOfDay, deps.timeZone, deps.now);
    if (keepTimeOfDay && current.dueAt && typeof changes.dueAt === 'string') changes.dueAt = onDayKeepingTime(changes.dueAt, current.dueAt, deps.timeZone);
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
  const task = await deps.clients.tasks.update(deps.call, target.id, changes);
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

type BulkKind = 'complete' | 'reopen' | 'delete';
const BULK = {
  complete: { verb: 'Completed', action: 'completed' },
  reopen: { verb: 'Reopened', action: 'reopened' },
  delete: { verb: 'Deleted', action: 'deleted' },
} as const;

async function bulk(kind: BulkKind, targets: TaskSummary[], state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const done: Task[] = [];
  const gone: TaskSummary[] = [];
  const removed: NewTask[] = [];
  for (const target of targets) {
    try {
      if (kind === 'complete') done.push(await deps.clients.tasks.complete(deps.call, target.id));
      else if (kind === 'reopen') done.push(await deps.clients.tasks.update(deps.call, target.id, { status: 'pending' }));
      else {
        // Kept for "undo": the task as it was, to add again.
        const task = await deps.clients.tasks.get(deps.call, target.id);
        await deps.clients.tasks.remove(deps.call, target.id);
        removed.push(asNewTask(task));
        done.push({ id: target.id, title: target.title } as Task);
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      gone.push(target);
    }
  }
  const lines: string[] = [];
  if (done.length > 0) lines.push(`${BULK[kind].verb} ${quoted(done)}.`);
  const repeating = done.filter((task) => kind === 'complete' && task.recurrence);
  if (repeating.length > 0) lines.push(`${quoted(repeating)} repeat${repeating.length === 1 ? 's' : ''}: the next one will appear shortly.`);
  if (gone.length > 0) lines.push(`${quoted(gone)} no longer exist${gone.length === 1 ? 's' : ''}.`);
  const last = done.length === 1 && kind !== 'delete' ? summary(done[0]!) : undefined;
  const next: ConversationState = { ...state, ...(last ? { lastTask: last } : {}) };
  if (kind === 'complete' && done.length > 0) next.undo = { reopen: done.map(summary) };
  if (kind === 'delete' && removed.length > 0) next.undo = { restore: removed };
  if (kind === 'delete' && state.lastTask && done.some((task) => task.id === state.lastTask!.id)) delete next.lastTask;
  return say(lines.join(' '), next, {
    actions: done.length > 0 ? [{ kind: BULK[kind].action, taskIds: done.map((task) => task.id) }] : [],
    tasks: kind === 'delete' ? [] : done,
  });
}

function asNewTask(task: Task): NewTask {
  const draft: NewTask = { title: task.title, priority: task.priority, tags: task.tags, reminders: task.reminders };
  if (task.description) draft.description = task.description;
  if (task.dueAt) draft.dueAt = task.dueAt;
  if (task.recurrence) draft.recurrence = task.recurrence;
  return draft;
}

/** "undo": reopens what the last message completed, or adds again what it deleted. */
async function undo(state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { undo: last, ...rest } = state;
  if (!last) return say('There is nothing to undo: I can take back the last completion or deletion, right after it.', state);
  if ('reopen' in last) return bulk('reopen', last.reopen, rest, deps);
  const restored: Task[] = [];
  for (const draft of last.restore) restored.push(await deps.clients.tasks.create(deps.call, draft));
  const lastTask = restored.length === 1 ? summary(restored[0]!) : rest.lastTask;
  return say(`Restored ${quoted(restored)}.`, { ...rest, ...(lastTask ? { lastTask } : {}) }, {
    actions: [{ kind: 'created', taskIds: restored.map((task) => task.id) }],
    tasks: restored,
  });
}

/**
 * Carries out one understood message against the user's tasks. `preResolved` holds references a
 * clarifying answer already settled. Failures of the task function become replies, never errors.
 */
export async function runIntent(intent: Intent, state: ConversationState, deps: TurnDeps, preResolved: TaskSummary[] = [], asNewTask?: AsNewTask): Promise<Turn> {
  const unresolved = async (reply: string): Promise<Turn> => {
    const added = asNewTask?.();
    return added ? add(added, state, deps) : say(reply, state);
  };
  try {
    switch (intent.kind) {
      case 'add':
        return await add(intent, state, deps);
      case 'list':
        return await listTasks(intent, state, deps);
      case 'update':
      case 'show':
      case 'remind': {
        const resolved = await resolveAll(intent, [intent.target], 'any', state, deps, preResolved);
        if (resolved.kind === 'no-such-task') return await unresolved(resolved.reply);
        if (resolved.kind === 'stop') return resolved.turn;
        const target = resolved.tasks[0]!;
        if (intent.kind === 'show') return await showTask(target, state, deps);
        return intent.kind === 'update' ? await update(intent, target, state, deps) : await remind(intent, target, state, deps);
      }
      case 'complete':
      case 'reopen':
      case 'delete': {
        const preference: Preference = intent.kind === 'complete' ? 'pending' : intent.kind === 'reopen' ? 'completed' : 'any';
        const resolved = await resolveAll(intent, intent.targets, preference, state, deps, preResolved);
        if (resolved.kind === 'no-such-task') return await unresolved(resolved.reply);
        if (resolved.kind === 'stop') return resolved.turn;
        return await bulk(intent.kind, resolved.tasks, state, deps);
      }
      case 'clear-completed':
        return await clearCompleted(state, deps);
      case 'list-reminders':
        return await listReminders(state, deps);
      case 'list-notifications':
        return await listNotifications(state, deps);
      case 'help':
        return say(HELP, state);
      case 'greeting':
        return say('Hello! Tell me what you need to do, or ask "what\'s due today". Say "help" for examples.', state);
      case 'pause':
        return say('Take your time — tell me when you are ready.', state);
      case 'undo':
        return await undo(state, deps);
      case 'thanks':
        return say("You're welcome! Anything else?", state);
      case 'unknown':
        return say(`Sorry, I didn't understand that${intent.reason ? ` (${intent.reason})` : ''}. Say "help" for examples.`, state);
    }
  } catch (error) {
    return failureTurn(error, state);
  }
}

/** A failure of the task function as a reply; anything else is thrown on. */
export function failureTurn(error: unknown, state: ConversationState): Turn {
  if (isUnavailable(error)) return say("I can't reach your tasks right now; please try again in a moment.", state);
  if (isNotFound(error)) return say('That task no longer exists.', state);
  if (error instanceof ServiceError) {
    const fields = error.fieldErrors.map((field) => `${field.field} ${field.message}`).join('; ');
    return say(`I couldn't do that: ${fields || error.message}.`, state);
  }
  throw error;
}
