import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { createTaskConsumer } from './create-task-consumer';
import type { TaskDeps } from './task-deps';
import { TASK_API } from './task-api';
import { taskRoutes } from './task-routes';
import { taskMigrations } from './task-schema';

/** The task function's parts, mounted by its own entry point or by the one-process system. */
export function createTaskFunction(deps: TaskDeps): { name: 'task'; routes: Hono<never>; api: ApiContracts; consumer: Consumer; migrations: ReturnType<typeof taskMigrations> } {
  return {
    name: 'task',
    routes: taskRoutes(deps) as unknown as Hono<never>,
    api: TASK_API,
    consumer: createTaskConsumer(deps),
    migrations: taskMigrations(deps.schema),
  };
}
