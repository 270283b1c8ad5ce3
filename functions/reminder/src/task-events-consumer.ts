import type { AnyEvent } from '#shared/events/catalog';
import type { Consumer } from '#shared/events/consumer';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { applyTaskEvent, type TaskEvent } from './apply-task-event';
import type { ReminderDeps } from './reminder-deps';

const TASK_EVENTS = ['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'] as const;

const isTaskEvent = (event: AnyEvent): event is TaskEvent => (TASK_EVENTS as readonly string[]).includes(event.type);

/** Consumes `task-events`: every task snapshot re-plans that task's reminders. */
export function taskEventsConsumer(deps: ReminderDeps): Consumer {
  return {
    name: 'reminder',
    topics: [TOPICS.taskEvents],
    types: TASK_EVENTS,
    // "remind me in 1 hour" right after a new task waits until this function knows the task.
    awaitedByRequests: true,
    async handle(event) {
      if (!isTaskEvent(event)) return ack('ignored');
      const result = await applyTaskEvent(deps, event);
      if (result.kind === 'duplicate') return ack('duplicate event');
      if (result.kind === 'stale') return ack('older task version; ignored');
      return ack();
    },
  };
}
