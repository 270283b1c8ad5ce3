import { TOPICS } from '#shared/events/topics';
import { startFunctionKit } from '#shared/testing/function-kit';
import type { CalendarRouteOptions } from '../src/calendar/calendar-routes';
import { createTaskFunction } from '../src/task-function';
import { taskMigrations } from '../src/task-schema';

/** The task function's test kit: a recording subscriber on `task-events`. */
export async function startTaskKit(options: { calendar?: CalendarRouteOptions } = {}) {
  const { sql, schema, app, eventPath, clock, deps, relay, published, tokenFor, call, stop } = await startFunctionKit({
    name: 'task',
    migrations: taskMigrations,
    outbox: { topics: [TOPICS.taskEvents], types: ['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'] },
    create: (deps) => createTaskFunction(deps, options.calendar),
  });
  return { sql, schema, app, eventPath, clock, deps, relay, published, tokenFor, call, stop: () => stop() };
}
export type TaskKit = Awaited<ReturnType<typeof startTaskKit>>;
