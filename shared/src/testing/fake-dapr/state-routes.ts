import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';

export interface StateItem {
  /** The value as JSON text, as Dapr stores and returns it. */
  value: string;
  etag: string;
  /** Milliseconds since the epoch; absent = never expires. */
  expiresAt?: number;
}

interface SaveRequest {
  key?: unknown;
  value?: unknown;
  etag?: unknown;
  metadata?: { ttlInSeconds?: unknown };
  options?: { concurrency?: unknown };
}

const isSaveRequest = (item: unknown): item is SaveRequest => !!item && typeof item === 'object' && typeof (item as SaveRequest).key === 'string' && (item as SaveRequest).key !== '';

/**
 * The state API with `state.postgresql` v2 semantics (platform.md §3.4; trap 20). Keys are stored as
 * `<app-id>||<key>`; ETags are random UUIDs, new on every write.
 * - `GET /v1.0/state/{store}/{key}` → 200 with the JSON value and an `ETag` header; 204 when missing
 *   or expired.
 * - `POST /v1.0/state/{store}` with `[{key, value, etag?, metadata?: {ttlInSeconds}, options?:
 *   {concurrency}}]` → 204. With an `etag` that is not the current one (or no row) → 409. With
 *   `first-write` and no `etag` on a row that exists and has not expired → 500, a generic error (not
 *   409). Without either, an upsert. Items are applied in order; the first failure answers.
 * - 400 for an unknown store or a malformed body.
 */
export function stateRoutes(options: { appId: string; stores: Map<string, Map<string, StateItem>>; now: () => number }): Hono {
  const app = new Hono();
  const live = (item: StateItem | undefined) => (item && (item.expiresAt === undefined || item.expiresAt > options.now()) ? item : undefined);
  const unknownStore = (name: string) => ({ errorCode: 'ERR_STATE_STORE_NOT_FOUND', message: `state store ${name} is not found` });

  app.get('/:store/:key', (c) => {
    const store = options.stores.get(c.req.param('store'));
    if (!store) return c.json(unknownStore(c.req.param('store')), 400);
    const item = live(store.get(`${options.appId}||${c.req.param('key')}`));
    if (!item) return c.body(null, 204);
    return c.body(item.value, 200, { 'content-type': 'application/json', etag: item.etag });
  });

  app.post('/:store', async (c) => {
    const store = options.stores.get(c.req.param('store'));
    if (!store) return c.json(unknownStore(c.req.param('store')), 400);
    let items: unknown;
    try {
      items = JSON.parse(await c.req.text());
    } catch {
      return c.json({ errorCode: 'ERR_MALFORMED_REQUEST', message: 'the body is not JSON' }, 400);
    }
    if (!Array.isArray(items) || !items.every(isSaveRequest)) return c.json({ errorCode: 'ERR_MALFORMED_REQUEST', message: 'expected [{key, value, ...}]' }, 400);
    for (const item of items) {
      const key = `${options.appId}||${item.key as string}`;
      const current = live(store.get(key));
      if (item.etag !== undefined && item.etag !== '' && item.etag !== current?.etag) {
        return c.json({ errorCode: 'ERR_STATE_SAVE', message: `failed saving state in state store ${c.req.param('store')}: possible etag mismatch` }, 409);
      }
      if ((item.etag === undefined || item.etag === '') && item.options?.concurrency === 'first-write' && current) {
        return c.json({ errorCode: 'ERR_STATE_SAVE', message: `failed saving state in state store ${c.req.param('store')}: no item was updated` }, 500);
      }
      const ttl = Number(item.metadata?.ttlInSeconds);
      store.set(key, { value: JSON.stringify(item.value ?? null), etag: randomUUID(), ...(ttl > 0 ? { expiresAt: options.now() + ttl * 1000 } : {}) });
    }
    return c.body(null, 204);
  });
  return app;
}
