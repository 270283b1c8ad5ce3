import type { Hono } from 'hono';
import type * as z from 'zod/mini';
import type { EventBus } from '../bus/event-bus';
import type { Sql } from '../db/connect';
import type { SchemaMigrations } from '../db/migrate';
import type { DaprSidecar } from '../dapr/dapr-sidecar';
import type { Consumer } from '../events/consumer';
import type { ApiContracts } from '../http/openapi/route-contract';
import type { Authenticator } from '../http/auth';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';

/** What the runtime hands every function: its own schema, and the shared I/O, clock and ids. */
export interface RuntimeDeps {
  /** The process's configuration as read once at start: its environment and the secret store's values (never `process.env`). */
  env: Readonly<Record<string, string | undefined>>;
  sql: Sql;
  schema: string;
  bus: EventBus;
  clock: () => Date;
  newId: () => string;
  authenticate: Authenticator;
  log: Logger;
  metrics: Metrics;
  /** Aborted when the process begins to stop: long-lived work (streams, start-up waits) ends on it. */
  stopping: AbortSignal;
  /** Wakes the function's outbox relay after a commit that wrote events. */
  eventsCommitted: () => void;
  /** The Dapr sidecar beside this process (`DAPR_HTTP_PORT`, `DAPR_API_TOKEN`); nothing is called until a function uses it. */
  sidecar: DaprSidecar;
  /** This process's own HTTP app, reached without a socket: how one function calls another mounted beside it. */
  inProcess?: (request: Request) => Promise<Response>;
}

/** What a function's own code needs of the runtime: everything but the bus, which only its outbox relay uses. */
export type FunctionDeps = Omit<RuntimeDeps, 'bus' | 'env'>;

/** A function as the runtime sees it: a schema to migrate, routes to mount, an optional consumer. */
export interface FunctionModule {
  name: string;
  schema: string;
  migrations: (schema: string) => SchemaMigrations;
  /** The function's own variables: parsed with the base configuration before anything starts, every problem listed at once. */
  config?: z.core.$ZodType;
  /** `config` is what the module's own schema parsed (undefined without one). */
  create(deps: RuntimeDeps, config: unknown): FunctionParts;
}

/** A module whose `create` receives its own configuration, typed by its schema. */
export function defineFunction<S extends z.core.$ZodType>(
  module: Omit<FunctionModule, 'config' | 'create'> & { config: S; create: (deps: RuntimeDeps, config: Readonly<z.infer<S>>) => FunctionParts },
): FunctionModule {
  return module as FunctionModule;
}

/** What `create` returns. `start` runs once the server listens; `stop` runs on shutdown before the relays stop. */
export interface FunctionParts {
  routes: Hono<never>;
  /** What `routes` serves, for the API description (`GET /openapi.json`). */
  api: ApiContracts;
  consumer?: Consumer;
  start?(): void | Promise<void>;
  stop?(): Promise<void>;
}
