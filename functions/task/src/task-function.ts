import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { CALENDAR_API_ROUTES } from './calendar/calendar-api';
import { type CalendarRouteOptions, calendarRoutes } from './calendar/calendar-routes';
import { createTaskConsumer } from './create-task-consumer';
import type { TaskDeps } from './task-deps';
import { TASK_API } from './task-api';
import { taskRoutes } from './task-routes';
import { taskMigrations } from './task-schema';
import { functionRoutes } from '#shared/http/function-routes';

/** The task function's parts (the task API and the calendar feed), mounted by its own entry point or by the one-process system. */
export function createTaskFunction(deps: TaskDeps, calendar: CalendarRouteOptions = {}): { name: 'task'; routes: Hono<never>; api: ApiContracts; consumer: Consumer; migrations: ReturnType<typeof taskMigrations> } {
  return {
    name: 'task',
    routes: functionRoutes(taskRoutes(deps), calendarRoutes(deps, calendar)),
    api: { ...TASK_API, routes: [...TASK_API.routes, ...CALENDAR_API_ROUTES] },
    consumer: createTaskConsumer(deps),
    migrations: taskMigrations(deps.schema),
  };
}
