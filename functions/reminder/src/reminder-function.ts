import { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import type { FunctionDeps } from '#shared/runtime/function-module';
import { fireDueReminders } from './fire-reminders';
import { jobRoutes } from './job-routes';
import type { ReminderConfig } from './reminder-config';
import type { ReminderDeps } from './reminder-deps';
import { JOB_CALLBACK, REMINDER_API } from './reminder-api';
import { reminderRoutes } from './reminder-routes';
import { nextDueAt, scheduledReminders } from './reminder-store';
import { createDaprScheduler } from './scheduler/dapr-scheduler';
import { createLocalScheduler } from './scheduler/local-scheduler';
import type { ReminderScheduler } from './scheduler/reminder-scheduler';
import { taskEventsConsumer } from './task-events-consumer';
import { functionRoutes } from '#shared/http/function-routes';

export type ReminderFunctionDeps = FunctionDeps & { config: Pick<ReminderConfig, 'REMINDER_SCHEDULER' | 'APP_API_TOKEN'> };

export interface ReminderFunction {
  name: 'reminder';
  routes: Hono<never>;
  api: ApiContracts;
  consumer: Consumer;
  scheduler: ReminderScheduler;
  deps: ReminderDeps;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Selects the scheduler. `dapr` in the cluster: Dapr jobs reach only a running sidecar (a job due
 * while no pod of the app runs is staged and fires late), so this function stays at min-scale 1;
 * what it emits wakes the scaled-to-zero functions through Kafka. `local` (default, `npm start`):
 * its own timer over the reminder rows.
 */
function createScheduler(deps: ReminderFunctionDeps, full: () => ReminderDeps): ReminderScheduler {
  if (deps.config.REMINDER_SCHEDULER === 'dapr') {
    return createDaprScheduler({
      sidecar: deps.sidecar,
      log: deps.log.child({ part: 'dapr-scheduler' }),
      scheduledReminders: () => scheduledReminders(deps.sql, deps.schema),
    });
  }
  return createLocalScheduler({
    clock: deps.clock,
    log: deps.log.child({ part: 'local-scheduler' }),
    nextDueAt: () => nextDueAt(deps.sql, deps.schema),
    fireDue: () => fireDueReminders(full()),
  });
}

/** The reminder function's parts, mounted by its own entry point or by the one-process system. */
export function createReminderFunction(options: ReminderFunctionDeps): ReminderFunction {
  const { config, ...runtime } = options;
  const scheduler = createScheduler(options, () => deps);
  const deps: ReminderDeps = { ...runtime, scheduler };
  // The configuration requires the token in the dapr mode; a test kit that forgets it gets a route that refuses everyone.
  const routes = config.REMINDER_SCHEDULER === 'dapr' ? functionRoutes(reminderRoutes(deps), jobRoutes(deps, { appApiToken: config.APP_API_TOKEN ?? '' })) : functionRoutes(reminderRoutes(deps));
  return {
    name: 'reminder',
    routes,
    api: { ...REMINDER_API, routes: config.REMINDER_SCHEDULER === 'dapr' ? [...REMINDER_API.routes, JOB_CALLBACK] : REMINDER_API.routes },
    consumer: taskEventsConsumer(deps),
    scheduler,
    deps,
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}
