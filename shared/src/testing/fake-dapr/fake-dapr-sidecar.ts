import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type PubsubOptions, pubsubRoutes, type WrittenRecord } from './pubsub-routes';
import { secretRoutes, type SecretStoreOptions } from './secret-routes';
import { type StateItem, stateRoutes } from './state-routes';

/**
 * A fake Dapr sidecar for tests: daprd cannot run here. It is a Hono app on a loopback port that
 * follows the documented HTTP contract of daprd 1.16–1.18 as summarised in
 * shared/reference/platform.md (§1.5–1.6 publish and pubsub.kafka, §3.3 secrets, §3.4 state, §4
 * health), whose sources are dapr/dapr `pkg/api/http/http.go`, components-contrib
 * `pubsub/envelope.go`, `common/component/kafka/producer.go` and `state/postgresql/v2`:
 *
 * - `GET /v1.0/healthz/outbound` → 204 once components are loaded; 500 while `starting`.
 * - a `dapr-api-token` is required when `apiToken` is set (401 otherwise).
 * - publish, secrets and state: see pubsub-routes.ts, secret-routes.ts, state-routes.ts.
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
  /** Milliseconds since the epoch, for state TTLs. */
  now?: () => number;
}

export async function startFakeDaprSidecar(options: FakeDaprSidecarOptions = {}): Promise<FakeDaprSidecar> {
  const requests: RecordedRequest[] = [];
  const records: WrittenRecord[] = [];
  const state = new Map((options.stateStores ?? []).map((name) => [name, new Map<string, StateItem>()]));
  const appId = options.appId ?? 'app';
  let failures = 0;
  let failing: (method: string, path: string) => boolean = () => true;
  let starting = false;

  const app = new Hono();
  app.get('/v1.0/healthz/outbound', (c) => (starting ? c.json({ errorCode: 'ERR_OUTBOUND_HEALTH_NOT_READY' }, 500) : c.body(null, 204)));
  app.use('/v1.0/*', async (c, next) => {
    const body = await c.req.text();
    requests.push({ method: c.req.method, path: c.req.path, query: c.req.query(), headers: c.req.header(), body });
    if (options.apiToken && c.req.header('dapr-api-token') !== options.apiToken) return c.json({ errorCode: 'ERR_API_TOKEN', message: 'invalid api token' }, 401);
    if (failures > 0 && failing(c.req.method, c.req.path)) {
      failures--;
      return c.json({ errorCode: 'ERR_FAKE_FAILURE', message: 'the component failed' }, 500);
    }
    await next();
  });
  app.route('/v1.0/publish', pubsubRoutes({ appId, pubsubs: options.pubsubs ?? {}, records }));
  app.route('/v1.0/secrets', secretRoutes(options.secretStores ?? {}));
  app.route('/v1.0/state', stateRoutes({ appId, stores: state, now: options.now ?? Date.now }));

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
