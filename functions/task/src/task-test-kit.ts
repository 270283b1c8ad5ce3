import { Hono } from 'hono';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { createMemoryBus } from '#shared/bus/memory-bus';
import { migrate } from '#shared/db/migrate';
import type { AnyEvent } from '#shared/events/catalog';
import { mountEventRoutes } from '#shared/events/http-event-routes';
import { testEventPath } from '#shared/testing/test-event-path';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { startOutboxRelay } from '#shared/outbox/outbox-relay';
import { appClient } from '#shared/testing/app-client';
import { testAuth } from '#shared/testing/test-auth';
import { testClock } from '#shared/testing/test-clock';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import type { TaskDeps } from './task-deps';
import type { CalendarRouteOptions } from './calendar/calendar-routes';
import { createTaskFunction } from './task-function';

/**
 * The task function wired to the run's real test database (own schema), the in-process bus with a
 * recording subscriber on `task-events`, a hand-moved clock and real JWTs.
 */
export async function startTaskKit(options: { calendar?: CalendarRouteOptions } = {}) {
  const sql = testSql();
  const schema = uniqueSchema('task');
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const metrics = createMetrics('task-test');
  const bus = createMemoryBus({ log, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  const published: AnyEvent[] = [];
  bus.subscribe({ name: 'recorder', topics: [TOPICS.taskEvents], types: ['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'], handle: async (event) => (published.push(event), ack()) });
  const clock = testClock('2026-05-01T08:00:00Z');
  const function_ = { schema, sql };
  await migrate(sql, { schema, folder: new URL('./migrations/', import.meta.url) });
  const relay = startOutboxRelay({ sql, schema, bus, log });
  const { authenticate, tokenFor } = testAuth();
  const deps: TaskDeps = {
    sql,
    schema,
    clock: clock.now,
    newId: uuidv7,
    eventsCommitted: () => relay.wake(),
    stopping: new AbortController().signal,
    authenticate,
    log,
    metrics,
  };
  const parts = createTaskFunction(deps, options.calendar);
  const app = createHttpApp({ log, metrics, maxBodyBytes: 64 * 1024 });
  app.route('/', parts.routes as unknown as Hono);
  const eventPath = await testEventPath(authenticate);
  mountEventRoutes(app, parts.consumer, { log, pubsubName: 'pubsub', senders: eventPath.senders, metrics });
  const client = appClient(app, tokenFor, eventPath.authorization);

  return {
    ...function_,
    app,
    /** The event path's credentials: `authorization()` for POST /events, the sidecar's app token for /dapr/*. */
    eventPath,
    clock,
    deps,
    relay,
    /** Events the bus delivered to `task-events` subscribers, after `relay.idle()`. */
    async published() {
      await relay.idle();
      return published;
    },
    tokenFor,
    call: client.call,
    async stop() {
      await relay.stop();
      await sql`drop schema ${sql(schema)} cascade`;
      await sql.end();
    },
  };
}
export type TaskKit = Awaited<ReturnType<typeof startTaskKit>>;
