import type { Consumer } from '#shared/events/consumer';
import { ack, drop } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { createTask } from './task-commands';
import type { TaskDeps } from './task-deps';

/** Consumes create-task commands (from the recurrence engine, the chat function, any producer). */
export function createTaskConsumer(deps: TaskDeps): Consumer {
  return {
    name: 'task',
    topics: [TOPICS.taskCommands],
    types: ['dev.todo.task.create.v1'],
    // A person may send a create-task command for themselves (POST /events with their token), but not
    // choose the task's id: ids of next occurrences are derived, and a taken one would end a series.
    fromUsers: {
      types: ['dev.todo.task.create.v1'],
      refuse: (event) => (event.type === 'dev.todo.task.create.v1' && event.data.taskId ? 'taskId is chosen by the system; leave it out' : undefined),
    },
    async handle(event) {
      if (event.type !== 'dev.todo.task.create.v1') return ack('ignored');
      const { taskId, ...input } = event.data;
      const result = await createTask(
        deps,
        { userId: event.userid, traceparent: event.traceparent },
        { ...input, ...(taskId ? { taskId } : {}) },
        { source: event.source, id: event.id },
      );
      if (result.kind === 'conflict') return drop(result.reason);
      return ack(result.kind === 'duplicate' ? 'duplicate command' : undefined);
    },
  };
}
