import { pino } from 'pino';
import type { Task } from '../contracts/task';
import type { EventOf, EventType } from '../events/catalog';
import type { Consumer, DeliveryContext } from '../events/consumer';
import { newEvent, type EventContext } from '../events/new-event';
import { ack, type Outcome } from '../events/outcome';
import { TOPICS } from '../events/topics';
import type { Logger } from '../log/logger';

export const FIXED_NOW = new Date('2026-05-01T09:00:00.000Z');
export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
export const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** A fixed clock, user, trace and a counting id generator (`evt-1`, `evt-2`, …). */
export function eventContext(overrides: Partial<EventContext> = {}): EventContext {
  let next = 0;
  return {
    source: '/functions/task',
    userId: 'user-1',
    traceparent: TRACEPARENT,
    now: FIXED_NOW,
    newId: () => `evt-${++next}`,
    ...overrides,
  };
}

export function aTask(overrides: Partial<Task> = {}): Task {
  return {
    id: TASK_ID,
    title: 'Water the plants',
    description: '',
    status: 'pending',
    priority: 'medium',
    tags: [],
    dueAt: null,
    reminders: [],
    recurrence: null,
    series: null,
    version: 1,
    createdAt: FIXED_NOW.toISOString(),
    updatedAt: FIXED_NOW.toISOString(),
    completedAt: null,
    ...overrides,
  };
}

export function aTaskCreated(task: Task = aTask(), context: EventContext = eventContext()): EventOf<'dev.todo.task.created.v1'> {
  return newEvent('dev.todo.task.created.v1', context, { subject: task.id, data: { task, commandId: null } });
}

export function aTaskCompleted(task: Task = aTask({ status: 'completed' }), context: EventContext = eventContext()): EventOf<'dev.todo.task.completed.v1'> {
  return newEvent('dev.todo.task.completed.v1', context, { subject: task.id, data: { task } });
}

export interface RecordingConsumer extends Consumer {
  calls: { event: unknown; context: DeliveryContext }[];
}

/** A consumer of task events that records each call and answers with `respond` (default: ack). */
export function recordingConsumer(
  options: { types?: readonly EventType[]; respond?: () => Promise<Outcome> } = {},
): RecordingConsumer {
  const calls: RecordingConsumer['calls'] = [];
  return {
    name: 'test-consumer',
    topics: [TOPICS.taskEvents, TOPICS.taskCommands],
    types: options.types ?? ['dev.todo.task.created.v1'],
    calls,
    handle: async (event, context) => {
      calls.push({ event, context });
      return options.respond ? options.respond() : ack();
    },
  };
}

/** A real pino logger that keeps every line in memory. */
export function recordingLog(): { log: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void raw.push(line) });
  return { log, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>), text: () => raw.join('') };
}
