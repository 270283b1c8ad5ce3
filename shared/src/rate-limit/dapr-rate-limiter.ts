import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { callSidecar, type DaprSidecar } from '../dapr/dapr-sidecar';
import { decide, type RateLimitDecision, type RateLimitPolicy, windowAt } from './sliding-window';
import type { RateLimiter } from './rate-limiter';

/** A request must not wait long for its rate limit: past this the store counts as unavailable. */
const CALL_TIMEOUT_MS = 750;
/** Writers of one key race only when one user has this many requests in flight at once. */
const MAX_ATTEMPTS = 8;

export interface DaprRateLimiterOptions {
  sidecar: DaprSidecar;
  store: string;
  policy: RateLimitPolicy;
  random?: () => number;
}

/**
 * One counter per key and window in a Dapr state store, shared by every pod of the app-id (Dapr
 * prefixes keys with it); the previous window's counter is read too, for the sliding estimate. Read the counter and its ETag (`GET /v1.0/state/<store>/<key>`: 200 + ETag,
 * 204 none), then write count + 1 with `first-write` concurrency: with the ETag when the counter
 * exists (another writer first → 409: read again), without one when it does not. The second case is
 * trap 20: state.postgresql v2 answers a lost create race with a generic 500, not 409, so a 500 is a
 * race only if the counter now exists, and a store failure if it still does not. `ttlInSeconds` lets
 * the store drop the counter once the window after it is over. Keys are hashed: no user id in the shared store.
 * Fetch, not the SDK: `@dapr/dapr` returns `{error}` instead of throwing and drops the ETag (trap 18).
 */
export function daprRateLimiter(options: DaprRateLimiterOptions): RateLimiter {
  const random = options.random ?? Math.random;
  const base = `/v1.0/state/${encodeURIComponent(options.store)}`;

  async function read(key: string): Promise<{ count: number; etag: string } | null> {
    const response = await callSidecar(options.sidecar, `${base}/${key}`, { method: 'GET', timeoutMs: CALL_TIMEOUT_MS });
    if (response.status === 204) return null;
    if (response.status !== 200) throw new Error(`state store ${options.store} read failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
    const count: unknown = await response.json();
    const etag = response.headers.get('etag');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || !etag) throw new Error(`state store ${options.store} holds no counter with an ETag at ${key}`);
    return { count, etag };
  }

  async function write(key: string, count: number, etag: string | undefined, ttlSeconds: number): Promise<Response> {
    const item = { key, value: count, ...(etag ? { etag } : {}), options: { concurrency: 'first-write' }, metadata: { ttlInSeconds: String(ttlSeconds) } };
    return callSidecar(options.sidecar, base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([item]), timeoutMs: CALL_TIMEOUT_MS });
  }

  return {
    store: 'dapr',
    async hit(name, now) {
      const window = windowAt(options.policy, now);
      const prefix = `ratelimit-${createHash('sha256').update(name).digest('hex').slice(0, 32)}`;
      const key = `${prefix}-${window.id}`;
      // The previous window's counter no longer changes (but for a request in flight at the boundary).
      const previous = (await read(`${prefix}-${window.id - 1}`))?.count ?? 0;
      let last: RateLimitDecision | undefined;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const current = await read(key);
        last = decide(options.policy, { previous, current: current?.count ?? 0 }, now);
        if (!last.allowed) return last;
        const response = await write(key, last.count, current?.etag, window.secondsLeft + options.policy.windowSeconds + 1);
        if (response.status === 204) return last;
        const detail = `${response.status} ${(await response.text()).slice(0, 300)}`;
        const lostRace = response.status === 409 || (response.status === 500 && !current && (await read(key)) !== null);
        if (!lostRace) throw new Error(`state store ${options.store} write failed: ${detail}`);
        await sleep(Math.round(random() * 10 * attempt));
      }
      // Still racing after MAX_ATTEMPTS: this user has many requests in flight right now.
      return { ...last!, allowed: false, remaining: 0, retryAfterSeconds: 1 };
    },
  };
}
