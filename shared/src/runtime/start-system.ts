import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { v7 as uuidv7 } from 'uuid';
import { busMetrics } from '../bus/bus-metrics';
import { createDaprBus } from '../bus/dapr-bus';
import type { EventBus } from '../bus/event-bus';
import { createKafkaBus } from '../bus/kafka-bus';
import { parseKafkaUrl } from '../bus/kafka-url';
import { createMemoryBus } from '../bus/memory-bus';
import { BaseConfig } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { daprSidecar } from '../dapr/dapr-sidecar';
import { migrate } from '../db/migrate';
import { mountEventRoutes } from '../events/http-event-routes';
import { deadLetterTopic } from '../events/topics';
import { createAuthenticator } from '../http/auth';
import { createHttpApp } from '../http/create-http-app';
import { operationalRoutes } from '../http/health';
import { createLogger } from '../log/logger';
import { createMetrics } from '../metrics/metrics';
import { secretsFromStore } from '../secrets/store-secrets';
import { type OutboxRelay, startOutboxRelay } from '../outbox/outbox-relay';
import type { FunctionModule, FunctionParts } from './function-module';
import { loadLocalSecrets } from './local-secrets';
import { openDatabase } from './open-database';

/** The Dapr pub/sub component name the manifests declare. */
const DAPR_PUBSUB = 'pubsub';

export interface RunningSystem {
  url: string;
  port: number;
  bus: EventBus;
  relays: OutboxRelay[];
  stop: () => Promise<void>;
}

function createBus(url: string, deps: Parameters<typeof createMemoryBus>[0] & { clientId: string }): EventBus {
  if (url.startsWith('memory:')) return createMemoryBus(deps);
  if (url.startsWith('kafka:')) return createKafkaBus({ ...parseKafkaUrl(url), ...deps });
  if (url.startsWith('dapr:')) return createDaprBus({ url, sidecar: daprSidecar(process.env), log: deps.log, metrics: deps.metrics });
  throw new Error(`EVENT_BUS_URL ${url} is not supported (memory://, kafka://host:port[,host:port] or dapr://<pubsub>)`);
}

/**
 * Starts functions in this process: config from the environment, the database (embedded without
 * DATABASE_URL), each function's schema, outbox relay and consumer, one HTTP server with the
 * operational routes, and a graceful stop on SIGTERM/SIGINT.
 */
export async function startSystem(options: { env: Record<string, string | undefined>; modules: FunctionModule[]; handleSignals?: boolean }): Promise<RunningSystem> {
  const storeSecrets = await secretsFromStore(options.env);
  // Functions that read process.env themselves (chat's own config) see the store's secrets too.
  Object.assign(process.env, storeSecrets);
  const env = { ...options.env, ...storeSecrets };
  const config = loadConfig(BaseConfig, env);
  const log = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const metrics = createMetrics(config.SERVICE_NAME);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: config.SERVICE_NAME, log });
  const bus = createBus(config.EVENT_BUS_URL, { log, metrics: busMetrics(metrics), clientId: config.SERVICE_NAME });
  const secret = config.AUTH_JWT_SECRET ?? (config.AUTH_JWKS_URL ? undefined : loadLocalSecrets(config.DATA_DIR).authJwtSecret);
  const authenticate = createAuthenticator({ issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, secret, jwksUrl: config.AUTH_JWKS_URL });

  const app = createHttpApp({ log, metrics, maxBodyBytes: config.MAX_BODY_BYTES });
  app.route('/', operationalRoutes({ service: config.SERVICE_NAME, metrics, checks: { database: database.ready, eventBus: () => bus.isReady() } }));
  const relays: OutboxRelay[] = [];
  const relayOf = new Map<string, OutboxRelay>();
  const functionParts: FunctionParts[] = [];
  for (const module of options.modules) {
    const schema = module.schema;
    await migrate(database.sql, module.migrations(schema));
    const parts = module.create({
      sql: database.sql,
      schema,
      bus,
      clock: () => new Date(),
      newId: uuidv7,
      authenticate,
      log: log.child({ function: module.name }),
      metrics,
      eventsCommitted: () => relayOf.get(schema)?.wake(),
    });
    functionParts.push(parts);
    app.route('/', parts.routes);
    if (parts.consumer) {
      bus.subscribe(parts.consumer);
      if (options.modules.length === 1) mountEventRoutes(app, parts.consumer, { log, pubsubName: DAPR_PUBSUB, deadLetterTopic: deadLetterTopic(parts.consumer.name) });
    }
  }
  // Relays start once every consumer is subscribed: the in-process bus hands an event only to the
  // consumers subscribed when it is published, and a relay at once publishes what an earlier run left.
  for (const module of options.modules) {
    const relay = startOutboxRelay({ sql: database.sql, schema: module.schema, bus, log: log.child({ outbox: module.schema }) });
    relays.push(relay);
    relayOf.set(module.schema, relay);
  }

  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.PORT, hostname: env.HOST ?? '0.0.0.0' }, () => resolve(started as Server));
  });
  server.on('connection', (socket) => {
    metrics.activeConnections.inc();
    socket.once('close', () => metrics.activeConnections.dec());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  for (const parts of functionParts) await parts.start?.();
  log.info({ port, functions: options.modules.map((m) => m.name), embeddedDatabase: database.embedded }, 'ready');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(functionParts.map((parts) => parts.stop?.()));
      await Promise.all(relays.map((relay) => relay.stop()));
      await bus.close();
      await database.close();
    })());
  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => void stop().then(() => process.exit(0), () => process.exit(1)));
    }
  }
  return { url: `http://127.0.0.1:${port}`, port, bus, relays, stop };
}
