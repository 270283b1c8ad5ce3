import type { NewTask } from '#shared/contracts/task';
import { isNotFound, isUnavailable, ServiceError } from '../clients/service-error';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import type { Intent, TaskRef } from '../language';
import type { TurnDeps } from './assistant-deps';
import { clearCompleted } from './clear-completed';
import { bulk, undo } from './bulk-operation';
import { describeTask, HELP, remindersSentence } from './format';
import { listReminders, listNotifications, remind } from './reminder-operations';
import { type Preference, resolveRef } from './resolve-ref';
import { listTasks } from './list-operation';
import { showTask } from './show-task';
import { summary } from './task-summary';
import { say, type Turn } from './turn';
import { update } from './update-task';


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
  // Reminders are offsets before the due time: without one they wait until a due time is said.
  const { reminders: offsets, ...draft } = intent.task;
  const undated = !draft.dueAt && !!offsets?.length;
  const task = await deps.clients.tasks.create(deps.call, draftToNewTask(undated ? draft : intent.task));
  const reminders = undated ? 'Say when it is due and I will remind you before it.' : remindersSentence(task);
  const next = { ...state, lastTask: summary(task), added: withAdded(state, [summary(task)]) };
  return say(`Added ${describeTask(task, deps.timeZone, deps.now)}.${reminders ? ` ${reminders}` : ''}`, next, {
    actions: [{ kind: 'created', taskIds: [task.id] }],
    tasks: [task],
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
    // "reminders are offsets…" names its field already.
    const fields = error.fieldErrors.map((field) => (field.message.startsWith(field.field) ? field.message : `${field.field} ${field.message}`)).join('; ');
    return say(`I couldn't do that: ${fields || error.message}.`, state);
  }
  throw error;
}
