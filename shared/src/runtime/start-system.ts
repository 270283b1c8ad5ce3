import type { Hono } from 'hono';
import { inspectRoutes } from 'hono/dev';
import { v7 as uuidv7 } from 'uuid';
import { busMetrics } from '../bus/bus-metrics';
import { createDaprBus } from '../bus/dapr-bus';
import type { EventBus } from '../bus/event-bus';
import { createKafkaBus } from '../bus/kafka-bus';
import { parseKafkaUrl } from '../bus/kafka-url';
import { createMemoryBus } from '../bus/memory-bus';
import { BaseConfig } from '../config/base-config';
import { loadConfigs } from '../config/load-config';
import { tracingSettings } from '../config/tracing-variables';
import type { TracingSettings } from '../trace/tracing-settings';
import { type DaprSidecar, daprSidecar } from '../dapr/dapr-sidecar';
import { migrate } from '../db/migrate';
import { eventSendersFrom } from '../events/event-sender-config';
import { asyncApiDocument } from '../asyncapi';
import type { Consumer } from '../events/consumer';
import { eventRouteContracts } from '../events/http-event-api';
import { mountEventRoutes } from '../events/http-event-routes';
import { deadLetterTopic } from '../events/topics';
import { createAuthenticator } from '../http/auth';
import { createHttpApp } from '../http/create-http-app';
import { metricsRoute, operationalRoutes } from '../http/health';
import { mountJsonDocument } from '../http/openapi/document-route';
import { openApiDocument } from '../http/openapi/openapi-document';
import type { ApiContracts } from '../http/openapi/route-contract';
import { operationalContracts } from '../http/operational-api';
import { createLogger, type Logger } from '../log/logger';
import { createMetrics } from '../metrics/metrics';
import { rateLimiterFor } from '../rate-limit/rate-limit-config';
import { writeRateLimit } from '../rate-limit/write-rate-limit';
import { secretsFromStore } from '../secrets/store-secrets';
import { type OutboxRelay, startOutboxRelay } from '../outbox/outbox-relay';
import type { FunctionModule, FunctionParts } from './function-module';
import { backgroundGate } from '../bus/background-gate';
import { bootstrapLogSettings } from './bootstrap-log';
import { closeServer, listen } from './http-server';
import { createLifecycle, type Lifecycle, StopRequested } from './lifecycle';
import { loadLocalSecrets } from './local-secrets';
import { openDatabase } from './open-database';
import { stopOnSignals } from './stop-on-signals';
import { setTracing } from '../trace/spans';
import * as z from 'zod/mini';

/** The Dapr pub/sub component name the manifests declare. */
const DAPR_PUBSUB = 'pubsub';
/** The schema of a module without variables of its own. */
const NO_VARIABLES = z.object({});
const API_VERSION = '1.0.0';
const API_DESCRIPTION = 'The routes this process serves, generated from the schemas they validate with. Errors are RFC 9457 problems (application/problem+json).';
/** How long open requests may finish after a stop begins; then their connections are closed. */
const DRAIN_MS = 4_000;
/** Each later stop step (function parts, relays, bus, database) is waited for at most this long. */
const STEP_BUDGET_MS = 1_500;
/** Where a function listens unless HOST says otherwise: only this machine can call it (the image sets HOST=0.0.0.0). */
const LOOPBACK = '127.0.0.1';
const BACKGROUND_MAX_WAIT_MS = 60;

export interface RunningSystem {
  url: string;
  /** The interface the server listens on (127.0.0.1 unless HOST says otherwise). */
  address: string;
  port: number;
  bus: EventBus;
  relays: OutboxRelay[];
  /** Every route the HTTP app registered (not middleware), as `GET /tasks/:id`; `ALL` for a route of any method. */
  routes: () => string[];
  /** The functions' consumers, as subscribed to the bus. */
  consumers: readonly Consumer[];
  stop: () => Promise<void>;
}

function createBus(url: string, deps: Parameters<typeof createMemoryBus>[0] & { clientId: string; sidecar: DaprSidecar }): EventBus {
  if (url.startsWith('memory:')) return createMemoryBus(deps);
  if (url.startsWith('kafka:')) return createKafkaBus({ ...parseKafkaUrl(url), ...deps });
  if (url.startsWith('dapr:')) return createDaprBus({ url, sidecar: deps.sidecar, log: deps.log, metrics: deps.metrics });
  throw new Error(`EVENT_BUS_URL ${url} is not supported (memory://, kafka://host:port[,host:port] or dapr://<pubsub>)`);
}

/** Loads the OpenTelemetry SDK only when traces are exported; registered first, so its flush is the last stop step. */
async function startTraces(lifecycle: Lifecycle, settings: TracingSettings | null): Promise<void> {
  if (!settings) return;
  const { startTracingSdk } = await import('../trace/tracing-sdk');
  const sdk = startTracingSdk(settings);
  setTracing(true);
  lifecycle.onStop({
    name: 'traces',
    run: async () => {
      setTracing(false);
      await sdk.shutdown();
    },
    budgetMs: STEP_BUDGET_MS,
  });
}

export interface SystemOptions {
  env: Record<string, string | undefined>;
  modules: FunctionModule[];
  handleSignals?: boolean;
  /** Runs once the server listens and before the system reports ready (the local system's first requests); a failure is logged, not fatal. */
  warmUp?: (url: string) => Promise<void>;
}

/**
 * Starts functions in this process: config from the environment, the database (embedded without
 * DATABASE_URL), each function's schema, outbox relay and consumer, one HTTP server with the
 * operational routes, and a graceful stop on SIGTERM/SIGINT that works at any moment of the start.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const log = createLogger(bootstrapLogSettings(options.env));
  const lifecycle = createLifecycle({ log });
  if (options.handleSignals !== false) stopOnSignals(lifecycle, log);
  log.info({ node: process.version, pid: process.pid }, 'starting');
  try {
    return await startWithin(lifecycle, log, options);
  } catch (error) {
    if (!(error instanceof StopRequested)) {
      if (options.handleSignals === false) throw error;
      // The process is this system's own: say why in one log line (a ConfigError lists every problem),
      // close what opened, and exit 1 — instead of Node printing the minified bundle's source line.
      log.fatal({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
      await lifecycle.stop();
      process.exit(1);
    }
    // The signal handler exits the process once the stop is done; a caller without one gets the error.
    await lifecycle.stop();
    if (options.handleSignals !== false) return new Promise<never>(() => {});
    throw error;
  }
}

async function startWithin(lifecycle: Lifecycle, log: Logger, options: SystemOptions): Promise<RunningSystem> {
  const { step } = lifecycle;
  const storeSecrets = await step(secretsFromStore(options.env));
  const env = Object.freeze({ ...options.env, ...storeSecrets });
  const [config, ...ownConfigs] = loadConfigs([BaseConfig, ...options.modules.map((module) => module.config ?? NO_VARIABLES)], env);
  const metrics = createMetrics(config.SERVICE_NAME);
  await step(startTraces(lifecycle, tracingSettings(config, config.SERVICE_NAME)));
  const database = await step(openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: config.SERVICE_NAME, log }));
  lifecycle.onStop({ name: 'database', run: () => database.close({ timeoutSeconds: 1 }), budgetMs: STEP_BUDGET_MS });
  // The embedded database has one session: event deliveries wait while requests are handled (at most 60 ms).
  const gate = database.embedded ? backgroundGate({ maxWaitMs: BACKGROUND_MAX_WAIT_MS }) : undefined;
  const sidecar = daprSidecar(config);
  const bus = createBus(config.EVENT_BUS_URL, { sidecar, log, metrics: busMetrics(metrics), clientId: config.SERVICE_NAME, ...(gate ? { background: gate.run } : {}) });
  lifecycle.onStop({ name: 'event bus', run: () => bus.close(), budgetMs: STEP_BUDGET_MS });
  const secret = config.AUTH_JWT_SECRET ?? (config.AUTH_JWKS_URL ? undefined : loadLocalSecrets(config.DATA_DIR).authJwtSecret);
  const authenticate = createAuthenticator({ issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, secret, jwksUrl: config.AUTH_JWKS_URL, maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS });

  const app = createHttpApp({ log, metrics, maxBodyBytes: config.MAX_BODY_BYTES });
  if (gate) app.use(gate.middleware);
  // /metrics tells how the system is used: on its own port where one is set (the cluster scrapes it
  // there, the ingress never reaches it), on PORT in development, nowhere else.
  const metricsOnPort = config.METRICS_PORT === undefined && config.NODE_ENV !== 'production';
  if (config.METRICS_PORT === undefined && !metricsOnPort) log.warn('no METRICS_PORT in production: /metrics is not served');
  app.route('/', operationalRoutes({ service: config.SERVICE_NAME, metrics, state: lifecycle.state, serveMetrics: metricsOnPort, checks: { database: database.ready, eventBus: () => bus.isReady() } }));
  const writeLimiter = rateLimiterFor({ ...config, RATE_LIMIT_REQUESTS: config.WRITE_RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS: config.WRITE_RATE_LIMIT_WINDOW_SECONDS }, sidecar);
  app.use(writeRateLimit({ limiter: writeLimiter, authenticate, clock: () => new Date(), log, metrics }));
  const relays: OutboxRelay[] = [];
  const relayOf = new Map<string, OutboxRelay>();
  const functionParts: { name: string; parts: FunctionParts }[] = [];
  const apis: ApiContracts[] = [operationalContracts({ serveMetrics: metricsOnPort })];
  const info = { title: `Todo functions: ${options.modules.map((m) => m.name).join(', ')}`, version: API_VERSION, description: API_DESCRIPTION };
  mountJsonDocument(app as unknown as Hono<never>, '/openapi.json', () => openApiDocument(info, apis));
  mountJsonDocument(app as unknown as Hono<never>, '/asyncapi.json', asyncApiDocument);
  for (const [index, module] of options.modules.entries()) {
    const schema = module.schema;
    await step(migrate(database.sql, module.migrations(schema)));
    const parts = module.create({
      env,
      sql: database.sql,
      schema,
      bus,
      clock: () => new Date(),
      newId: uuidv7,
      authenticate,
      log: log.child({ function: module.name }),
      metrics,
      stopping: lifecycle.stopping,
      eventsCommitted: () => relayOf.get(schema)?.wake(),
      sidecar,
      inProcess: async (request) => app.fetch(request),
    }, module.config ? ownConfigs[index] : undefined);
    functionParts.push({ name: module.name, parts });
    app.route('/', parts.routes);
    apis.push(parts.api);
    if (parts.consumer) {
      bus.subscribe(parts.consumer);
      // One function per process (a pod): its event routes, open only to the event path, the sidecar and producers.
      if (options.modules.length === 1) {
        mountEventRoutes(app, parts.consumer, { log, metrics, senders: eventSendersFrom(config, authenticate), pubsubName: DAPR_PUBSUB, deadLetterTopic: deadLetterTopic(parts.consumer.name) });
        apis.push(eventRouteContracts(parts.consumer));
      }
    }
  }
  // Relays start once every consumer is subscribed: the in-process bus hands an event only to the
  // consumers subscribed when it is published, and a relay at once publishes what an earlier run left.
  for (const module of options.modules) {
    const relay = startOutboxRelay({ sql: database.sql, schema: module.schema, bus, log: log.child({ outbox: module.schema }) });
    relays.push(relay);
    relayOf.set(module.schema, relay);
    metrics.outboxBacklog.watch(module.schema, () => relay.backlog());
  }
  lifecycle.onStop({ name: 'outbox relays', run: () => Promise.all(relays.map((relay) => relay.stop())), budgetMs: STEP_BUDGET_MS });
  for (const { name, parts } of functionParts) {
    const { stop } = parts;
    if (stop) lifecycle.onStop({ name: `${name} function`, run: () => stop(), budgetMs: STEP_BUDGET_MS });
  }

  const server = await step(listen({ fetch: app.fetch, port: config.PORT, hostname: env.HOST ?? LOOPBACK }));
  lifecycle.onStop({ name: 'http server', run: () => closeServer(server, { drainMs: DRAIN_MS }), budgetMs: DRAIN_MS + 500 });
  if (config.METRICS_PORT !== undefined) {
    const metricsServer = await step(listen({ fetch: metricsRoute(metrics).fetch, port: config.METRICS_PORT, hostname: env.HOST ?? LOOPBACK }));
    lifecycle.onStop({ name: 'metrics server', run: () => closeServer(metricsServer, { drainMs: 500 }), budgetMs: 1_000 });
  }
  server.on('connection', (socket) => {
    metrics.activeConnections.inc();
    socket.once('close', () => metrics.activeConnections.dec());
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : config.PORT;
  for (const { parts } of functionParts) await step(Promise.resolve(parts.start?.()));
  if (options.warmUp) {
    const began = Date.now();
    await step(options.warmUp(`http://127.0.0.1:${port}`).then(
      () => log.debug({ ms: Date.now() - began }, 'warmed up'),
      (error: unknown) => log.warn({ err: error }, 'the warm-up failed; the first requests may be slower'),
    ));
  }
  lifecycle.started();
  log.info({ port, functions: options.modules.map((m) => m.name), embeddedDatabase: database.embedded }, 'ready');

  const stop = async () => {
    const outcome = await lifecycle.stop();
    if (!outcome.completed) throw new Error(`the stop did not finish in time; still waiting for ${outcome.waitingFor.join(', ')}`);
  };
  const routes = () => inspectRoutes(app).filter((route) => !route.isMiddleware).map((route) => `${route.method} ${route.path}`);
  const consumers = functionParts.flatMap(({ parts }) => (parts.consumer ? [parts.consumer] : []));
  return { url: `http://127.0.0.1:${port}`, address: typeof bound === 'object' && bound ? bound.address : LOOPBACK, port, bus, relays, routes, consumers, stop };
}
