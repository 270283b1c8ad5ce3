import type { Hono } from 'hono';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { createMemoryBus } from '../bus/memory-bus';
import { type DaprSidecar, daprSidecar } from '../dapr/dapr-sidecar';
import { migrate, type SchemaMigrations } from '../db/migrate';
import type { AnyEvent } from '../events/catalog';
import type { Consumer } from '../events/consumer';
import { mountEventRoutes } from '../events/http-event-routes';
import { ack } from '../events/outcome';
import { createHttpApp } from '../http/create-http-app';
import { metricsRoute } from '../http/health';
import { createMetrics } from '../metrics/metrics';
import { startOutboxRelay, type OutboxRelay } from '../outbox/outbox-relay';
import type { FunctionDeps } from '../runtime/function-module';
import { appClient } from './app-client';
import { testAuth } from './test-auth';
import { testClock } from './test-clock';
import { testSql, uniqueSchema } from './test-database';
import { testEventPath } from './test-event-path';

interface KitParts {
  routes: Hono<never>;
  consumer?: Consumer;
  start?(): void | Promise<void>;
  stop?(): Promise<void>;
}

export interface FunctionKitOptions<D, P extends KitParts> {
  /** Names the schema (`<name>_<random>`) and the metrics (`<name>-test`). */
  name: string;
  migrations: (schema: string) => SchemaMigrations;
  /** The function's own deps from the runtime's; default: the runtime's as they are. */
  deps?: (runtime: FunctionDeps) => D;
  create: (deps: D) => P;
  /** Relays the outbox over an in-process bus whose recorder keeps these events for `published()`. */
  outbox?: Pick<Consumer, 'topics' | 'types'>;
  /** Reuse a schema (a restart, a second copy); default: a new one. */
  schema?: string;
  /** Run `parts.start()` once the routes are mounted (default true). */
  start?: boolean;
  /** The Dapr sidecar the function talks to (a fake one); default: the unreached default port. */
  sidecar?: DaprSidecar;
  /** Runs on stop after `parts.stop()`, before the relay stops. */
  onStop?: () => void | Promise<void>;
}

const NO_RELAY: OutboxRelay = { wake: () => undefined, idle: async () => undefined, stop: async () => undefined, pending: async () => 0, backlog: async () => ({ pending: 0, oldestAgeSeconds: 0 }) };

/**
 * A function wired as the runtime wires it, to the run's real test database (own schema), a
 * hand-moved clock starting 2026-05-01T08:00Z, real JWTs and its event routes behind a test event path.
 */
export async function startFunctionKit<P extends KitParts, D = FunctionDeps>(options: FunctionKitOptions<D, P>) {
  const sql = testSql();
  const schema = options.schema ?? uniqueSchema(options.name);
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const metrics = createMetrics(`${options.name}-test`);
  const clock = testClock();
  const { authenticate, tokenFor } = testAuth();
  await migrate(sql, options.migrations(schema));
  const published: AnyEvent[] = [];
  let relay = NO_RELAY;
  if (options.outbox) {
    const bus = createMemoryBus({ log, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    bus.subscribe({ name: 'recorder', ...options.outbox, handle: async (event) => (published.push(event), ack()) });
    relay = startOutboxRelay({ sql, schema, bus, log });
  }
  const runtime: FunctionDeps = {
    sql,
    schema,
    clock: clock.now,
    newId: uuidv7,
    eventsCommitted: () => relay.wake(),
    stopping: new AbortController().signal,
    authenticate,
    log,
    metrics,
    sidecar: options.sidecar ?? daprSidecar({ DAPR_HTTP_PORT: 3500 }),
  };
  const deps = options.deps ? options.deps(runtime) : (runtime as D);
  const parts = options.create(deps);
  const app = createHttpApp({ log, metrics, maxBodyBytes: 64 * 1024 });
  app.route('/', parts.routes as unknown as Hono);
  const eventPath = await testEventPath(authenticate);
  if (parts.consumer) mountEventRoutes(app, parts.consumer, { log, pubsubName: 'pubsub', senders: eventPath.senders, metrics });
  if (options.start !== false) await parts.start?.();
  const client = appClient(app, tokenFor, eventPath.authorization);

  return {
    sql,
    schema,
    app,
    clock,
    deps,
    parts,
    relay,
    /** The event path's credentials: `authorization()` for POST /events, the sidecar's app token for /dapr/*. */
    eventPath,
    /** The samples `/metrics` shows for one metric, as Prometheus text lines. */
    async metricLines(name: string) {
      return (await (await metricsRoute(metrics).request('/metrics')).text()).split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
    },
    /** Events the bus delivered to the recorder, after `relay.idle()`. */
    async published() {
      await relay.idle();
      return published;
    },
    tokenFor,
    call: client.call,
    /** Posts a CloudEvent to `POST /events` in binary mode, as Knative delivers it. */
    deliver: client.deliver,
    /** Stops the function and the relay; drops the schema unless `keepSchema`. */
    async stop(stopOptions: { keepSchema?: boolean } = {}) {
      await parts.stop?.();
      await options.onStop?.();
      await relay.stop();
      if (!stopOptions.keepSchema) await sql`drop schema ${sql(schema)} cascade`;
      await sql.end();
    },
  };
}
