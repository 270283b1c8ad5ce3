import type { NewTask, Task } from '#shared/contracts/task';
import { isNotFound } from '../clients/service-error';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { joinWords } from './format';
import { summary } from './task-summary';
import { say, type Turn } from './turn';

const quoted = (tasks: { title: string }[]) => joinWords(tasks.map((task) => `"${task.title}"`));

export type BulkKind = 'complete' | 'reopen' | 'delete';
const BULK = {
  complete: { verb: 'Completed', action: 'completed' },
  reopen: { verb: 'Reopened', action: 'reopened' },
  delete: { verb: 'Deleted', action: 'deleted' },
} as const;

/** Completes, reopens or deletes each task; what it did can be undone by the next message. */
export async function bulk(kind: BulkKind, targets: TaskSummary[], state: ConversationState, deps: TurnDeps): Promise<Turn> {
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
export async function undo(state: ConversationState, deps: TurnDeps): Promise<Turn> {
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
