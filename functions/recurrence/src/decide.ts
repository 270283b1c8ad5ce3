import { v5 as uuidv5 } from 'uuid';
import type { Task } from '#shared/contracts/task';
import type { EventOf } from '#shared/events/catalog';
import type { EventContext } from '#shared/events/new-event';
import { eventsOf } from '#shared/system/function-events';
import { nextOccurrence } from '#shared/recurrence/next-occurrence';

const newEvent = eventsOf('recurrence');

export type CreateTaskCommand = EventOf<'dev.todo.task.create.v1'>;

/** What the completion of a task means for its series. */
export type SuccessorDecision =
  | { kind: 'create'; command: CreateTaskCommand; successor: Successor }
  | { kind: 'none'; reason: string };

export interface Successor {
  predecessorId: string;
  seriesId: string;
  taskId: string;
  index: number;
  dueAt: string;
  commandId: string;
}

/** Fixed namespace for this function's name-based (v5) ids. Never change it: ids must stay stable. */
const NAMESPACE = 'a3d0c6f4-6b0e-4f57-9a53-3b1f2d7c8e91';

/** The id of the task that follows `predecessorId`: the same on every engine, every delivery. */
export const successorTaskId = (predecessorId: string) => uuidv5(`next-task:${predecessorId}`, NAMESPACE);
/** The id of the create-task command for that task: the task service runs it once. */
export const successorCommandId = (predecessorId: string) => uuidv5(`create-next-task:${predecessorId}`, NAMESPACE);

/**
 * Decides the next task of the series a completed task belongs to: none when the task does not
 * recur or its schedule has ended; otherwise the create-task command with deterministic ids.
 */
export function decideSuccessor(task: Task, context: Omit<EventContext, 'newId'>): SuccessorDecision {
  if (!task.recurrence) return { kind: 'none', reason: 'not recurring' };
  if (!task.dueAt) return { kind: 'none', reason: 'no due time to anchor the schedule' };
  const series = task.series ?? { id: task.id, index: 1 };
  const next = nextOccurrence({ dueAt: task.dueAt, completedAt: task.completedAt ?? context.now.toISOString(), recurrence: task.recurrence, index: series.index });
  if (next.kind === 'ended') return { kind: 'none', reason: `series ended (${next.reason})` };

  const successor: Successor = {
    predecessorId: task.id,
    seriesId: series.id,
    taskId: successorTaskId(task.id),
    index: next.index,
    dueAt: next.dueAt,
    commandId: successorCommandId(task.id),
  };
  const command = newEvent(
    'dev.todo.task.create.v1',
    { ...context, newId: () => successor.commandId },
    {
      subject: successor.taskId,
      data: {
        taskId: successor.taskId,
        title: task.title,
        description: task.description,
        priority: task.priority,
        tags: task.tags,
        dueAt: successor.dueAt,
        reminders: task.reminders,
        recurrence: task.recurrence,
        series: { id: successor.seriesId, index: successor.index },
      },
    },
  );
  return { kind: 'create', command, successor };
}
