import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { type InvokedRequest, invokeRoutes } from './invoke-routes';
import { type CallApp, type Job, jobsRoutes, jobTriggers } from './jobs-routes';
import { type PubsubOptions, pubsubRoutes, type WrittenRecord } from './pubsub-routes';
import { secretRoutes, type SecretStoreOptions } from './secret-routes';
import { type StateItem, stateRoutes } from './state-routes';

/**
 * A fake Dapr sidecar for tests: daprd cannot run here. It is a Hono app on a loopback port that
 * follows the documented HTTP contract of daprd 1.16–1.18 as summarised in
 * shared/reference/platform.md (§1.5–1.6 publish and pubsub.kafka, §3.3 secrets, §3.4 state, §4
 * health, §2 jobs), whose sources are dapr/dapr `pkg/api/http/http.go`, `jobs.go`,
 * `directmessaging.go`, components-contrib `pubsub/envelope.go`,
 * `common/component/kafka/producer.go` and `state/postgresql/v2`:
 *
 * - `GET /v1.0/healthz/outbound` → 204 once components are loaded; 500 while `starting`.
 * - a `dapr-api-token` is required on `/v1.0/*` and `/v1.0-alpha1/*` when `apiToken` is set (401
 *   otherwise).
 * - publish, secrets, state, jobs and service invocation: see pubsub-routes.ts, secret-routes.ts,
 *   state-routes.ts, jobs-routes.ts, invoke-routes.ts.
 * - `failNext(n)`: the next n API calls (not health) answer 500, as when a component fails.
 *
 * What it does not do: resiliency retries, scopes by app-id, bulk APIs, transactions.
 */
export interface FakeDaprSidecar {
  url: string;
  port: number;
  /** The environment a function gets from the Dapr injector for this sidecar. */
  env: { DAPR_HTTP_PORT: string; DAPR_API_TOKEN?: string };
  /** Every API request, in order. */
  requests: RecordedRequest[];
  /** Kafka records as pubsub.kafka would have written them, in order. */
  records: WrittenRecord[];
  /** State by store, keyed as Dapr stores it (`<app-id>||<key>`). */
  state: Map<string, Map<string, StateItem>>;
  /** Jobs by name, as posted to the Jobs API. */
  jobs: Map<string, Job>;
  /** Runs a job as the Scheduler does at its due time (through `jobs.callApp`); removes it on 2xx or 404. */
  trigger(name: string): Promise<Response>;
  /** Posts a job's data to the app again, as an at-least-once redelivery does. */
  redeliver(name: string, data: unknown): Promise<Response>;
  /** Service invocations that passed the token check, in order. */
  invoked: InvokedRequest[];
  /** The next `count` API calls (those `only` matches, default all) answer 500, as when a component fails. */
  failNext(count: number, only?: (method: string, path: string) => boolean): void;
  setStarting(starting: boolean): void;
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface FakeDaprSidecarOptions {
  appId?: string;
  apiToken?: string;
  pubsubs?: Record<string, PubsubOptions>;
  secretStores?: Record<string, SecretStoreOptions>;
  stateStores?: string[];
  /** The app channel the Scheduler triggers jobs through (`POST /job/{name}`). */
  jobs?: { callApp: CallApp };
  /** App-id → the base URL of its app, for service invocation; an app-id not here answers 500. */
  apps?: Record<string, () => string>;
  /** Milliseconds since the epoch, for state TTLs. */
  now?: () => number;
}

export async function startFakeDaprSidecar(options: FakeDaprSidecarOptions = {}): Promise<FakeDaprSidecar> {
  const requests: RecordedRequest[] = [];
  const records: WrittenRecord[] = [];
  const state = new Map((options.stateStores ?? []).map((name) => [name, new Map<string, StateItem>()]));
  const jobs = new Map<string, Job>();
  const invoked: InvokedRequest[] = [];
  const appId = options.appId ?? 'app';
  let failures = 0;
  let failing: (method: string, path: string) => boolean = () => true;
  let starting = false;

  const app = new Hono();
  app.get('/v1.0/healthz/outbound', (c) => (starting ? c.json({ errorCode: 'ERR_OUTBOUND_HEALTH_NOT_READY' }, 500) : c.body(null, 204)));
  const apiMiddleware: MiddlewareHandler = async (c, next) => {
    const body = await c.req.text();
    requests.push({ method: c.req.method, path: c.req.path, query: c.req.query(), headers: c.req.header(), body });
    if (options.apiToken && c.req.header('dapr-api-token') !== options.apiToken) return c.json({ errorCode: 'ERR_API_TOKEN', message: 'invalid api token' }, 401);
    if (failures > 0 && failing(c.req.method, c.req.path)) {
      failures--;
      return c.json({ errorCode: 'ERR_FAKE_FAILURE', message: 'the component failed' }, 500);
    }
    await next();
  };
  app.use('/v1.0/*', apiMiddleware);
  app.use('/v1.0-alpha1/*', apiMiddleware);
  app.route('/v1.0/publish', pubsubRoutes({ appId, pubsubs: options.pubsubs ?? {}, records }));
  app.route('/v1.0/secrets', secretRoutes(options.secretStores ?? {}));
  app.route('/v1.0/state', stateRoutes({ appId, stores: state, now: options.now ?? Date.now }));
  app.route('/v1.0-alpha1/jobs', jobsRoutes(jobs));
  app.route('/v1.0/invoke', invokeRoutes({ apps: options.apps ?? {}, invoked }));

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    env: { DAPR_HTTP_PORT: String(port), ...(options.apiToken ? { DAPR_API_TOKEN: options.apiToken } : {}) },
    requests,
    records,
    state,
    jobs,
    ...jobTriggers(jobs, options.jobs?.callApp),
    invoked,
    failNext: (count, only = () => true) => {
      failures = count;
      failing = only;
    },
    setStarting: (value) => {
      starting = value;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
