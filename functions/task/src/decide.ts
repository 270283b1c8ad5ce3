import type { Recurrence } from '#shared/contracts/recurrence';
import type { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import type { AnyEvent, EventContext } from '#shared/events/index';
import { eventsOf } from '#shared/system/function-events';
import { withGapStart } from '#shared/recurrence/gap-start';
import { seriesStartProblem } from '#shared/recurrence/series-start';
import { RuleViolation } from '#shared/contracts/rule-violation';

const newEvent = eventsOf('task');


export interface Decision {
  task: Task;
  events: AnyEvent[];
}

const AT_DUE_TIME = 'PT0S';

/** Instants are stored and returned in UTC, whatever offset the client wrote. */
const utc = (instant: string | null | undefined) => (instant ? new Date(instant).toISOString() : null);

function checkRules(task: Task): void {
  if (task.recurrence && !task.dueAt) throw new RuleViolation('dueAt', 'a recurring task needs a due time to anchor its schedule');
  if (task.reminders.length > 0 && !task.dueAt) throw new RuleViolation('reminders', 'reminders are offsets before the due time; set dueAt first');
}

/**
 * Creates a task from validated input: defaults applied, rules checked, `TaskCreated` emitted.
 * A recurring task without `series` starts one (its own id, index 1).
 */
export function decideCreate(input: NewTask & { taskId?: string }, context: EventContext & { commandId?: string | null }): Decision {
  const now = context.now.toISOString();
  const dueAt = utc(input.dueAt);
  const id = input.taskId ?? context.newId();
  const recurrence = input.recurrence ? withGapStart(input.recurrence, input.dueAt) : null;
  const task: Task = {
    id,
    title: input.title.trim(),
    description: input.description ?? '',
    status: 'pending',
    priority: input.priority ?? 'medium',
    tags: input.tags ?? [],
    dueAt,
    reminders: input.reminders ?? (dueAt ? [AT_DUE_TIME] : []),
    recurrence,
    series: input.series ?? (recurrence ? { id, index: 1 } : null),
    version: 1,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
  checkRules(task);
  const event = newEvent('dev.todo.task.created.v1', context, { subject: task.id, data: { task, commandId: context.commandId ?? null } });
  return { task, events: [event] };
}

const EDITABLE = ['title', 'description', 'priority', 'tags', 'dueAt', 'reminders', 'recurrence'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rule a change leaves: its gap start from the due time written now, or the one kept while the due time and zone stay. */
function changedRecurrence(recurrence: Recurrence | null | undefined, current: Task, writtenDueAt: string | null | undefined, dueAtChanged: boolean): Recurrence | null {
  if (!recurrence) return recurrence ?? null;
  if (dueAtChanged) return withGapStart(recurrence, writtenDueAt);
  const { localStart: _given, ...rest } = recurrence;
  const kept = current.recurrence?.timezone === recurrence.timezone ? current.recurrence?.localStart : undefined;
  return kept ? { ...rest, localStart: kept } : rest;
}

/**
 * Applies changes. A change of `status` to completed is a completion; back to pending reopens.
 * Fields and a completion together make two versions: `TaskUpdated`, then `TaskCompleted`.
 * A task that gets a recurrence starts a series (its own id, index 1) unless it is in one already.
 * Nothing that differs → no new version and no event.
 */
export function decideUpdate(current: Task, changes: TaskChanges, context: EventContext): Decision {
  const { status, ...fields } = changes;
  if (status === 'completed' && current.status !== 'completed') {
    return chain(decideUpdate(current, fields, context), (task) => decideComplete(task, context));
  }
  const next: Task = { ...current };
  const changed: string[] = [];
  for (const key of EDITABLE) {
    if (!(key in fields)) continue;
    const value =
      key === 'title' ? (fields.title as string).trim() : key === 'dueAt' ? utc(fields.dueAt) : key === 'recurrence' ? changedRecurrence(fields.recurrence, current, fields.dueAt, 'dueAt' in fields) : fields[key];
    if (!sameValue(value, current[key])) {
      (next as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
  }
  if (changed.includes('dueAt') && !('reminders' in fields)) {
    if (!next.dueAt && next.reminders.length > 0) {
      next.reminders = [];
      changed.push('reminders');
    } else if (next.dueAt && !current.dueAt && next.reminders.length === 0) {
      next.reminders = [AT_DUE_TIME];
      changed.push('reminders');
    }
  }
  if ('dueAt' in fields && !('recurrence' in fields) && next.recurrence) {
    next.recurrence = changedRecurrence(next.recurrence, current, fields.dueAt, true);
    if (!sameValue(next.recurrence, current.recurrence)) changed.push('recurrence');
  }
  if (changed.includes('recurrence') && next.recurrence && !next.series) {
    next.series = { id: next.id, index: 1 };
    changed.push('series');
  }
  if (status === 'pending' && current.status === 'completed') {
    next.status = 'pending';
    next.completedAt = null;
    changed.push('status');
  }
  if (changed.length === 0) return { task: current, events: [] };
  checkRules(next);
  // A change of only one half (the other is stored) is checked here; both together, by TaskChanges.
  if ((changed.includes('dueAt') || changed.includes('recurrence')) && next.recurrence && next.dueAt) {
    const problem = seriesStartProblem(next.recurrence, next.dueAt);
    if (problem) throw new RuleViolation('recurrence.rrule', problem);
  }
  next.version = current.version + 1;
  next.updatedAt = context.now.toISOString();
  const event = newEvent('dev.todo.task.updated.v1', context, { subject: next.id, data: { task: next, changed } });
  return { task: next, events: [event] };
}

function chain(first: Decision, then: (task: Task) => Decision): Decision {
  const second = then(first.task);
  return { task: second.task, events: [...first.events, ...second.events] };
}

/** Completes a pending task; completing a completed task changes nothing. */
export function decideComplete(current: Task, context: EventContext): Decision {
  if (current.status === 'completed') return { task: current, events: [] };
  const now = context.now.toISOString();
  const task: Task = { ...current, status: 'completed', completedAt: now, updatedAt: now, version: current.version + 1 };
  return { task, events: [newEvent('dev.todo.task.completed.v1', context, { subject: task.id, data: { task } })] };
}

/** Deletes a task; the event carries its last state so consumers can cancel what hangs on it. */
export function decideDelete(current: Task, context: EventContext): Decision {
  const task: Task = { ...current, version: current.version + 1, updatedAt: context.now.toISOString() };
  return { task, events: [newEvent('dev.todo.task.deleted.v1', context, { subject: task.id, data: { task } })] };
}
