import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { createDispatcher, type Dispatcher } from './dispatcher/dispatcher';
import type { NotificationDeps } from './notification-deps';
import { notificationMigrations } from './notification-migrations';
import { notificationApi } from './notification-api';
import { notificationRoutes } from './notification-routes';
import { createReminderConsumer } from './reminder-consumer';
import { functionRoutes } from '#shared/http/function-routes';

export interface NotificationFunction {
  name: 'notification';
  routes: Hono<never>;
  api: ApiContracts;
  consumer: Consumer;
  migrations: ReturnType<typeof notificationMigrations>;
  dispatcher: Dispatcher;
  /** Starts the dispatcher (re-drives deliveries an earlier run left). */
  start(): void;
  /** Stops the dispatcher; deliveries in flight go back to pending. */
  stop(): Promise<void>;
}

/** The notification function's parts, mounted by its own entry point or by the one-process system. */
export function createNotificationFunction(deps: NotificationDeps): NotificationFunction {
  const dispatcher = createDispatcher({
    sql: deps.sql,
    schema: deps.schema,
    clock: deps.clock,
    newId: deps.newId,
    log: deps.log.child({ part: 'dispatcher' }),
    eventsCommitted: deps.eventsCommitted,
    metrics: deps.metrics,
    senders: deps.senders,
    policy: deps.delivery,
  });
  const afterCommit = () => {
    deps.eventsCommitted();
    dispatcher.wake();
  };
  return {
    name: 'notification',
    routes: functionRoutes(notificationRoutes(deps, afterCommit)),
    api: notificationApi({ allowPrivateTargets: deps.allowPrivateTargets }),
    consumer: createReminderConsumer(deps, afterCommit),
    migrations: notificationMigrations(deps.schema),
    dispatcher,
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
  };
}
