import { Hono } from 'hono';

export interface SecretStoreOptions {
  /** Secret name → its keys and values (a Kubernetes Secret has several keys; a vault entry has one). */
  secrets: Record<string, Record<string, string>>;
  /** Names the Configuration's secret scopes deny. */
  denied?: string[];
}

/**
 * `GET /v1.0/secrets/{store}/{name}` (platform.md §3.3): 200 with the secret's key→value map, 204 when
 * the secret does not exist, 400 for an unknown store, 403 when the scopes deny the name.
 */
export function secretRoutes(stores: Record<string, SecretStoreOptions>): Hono {
  const app = new Hono();
  app.get('/:store/:name', (c) => {
    const store = stores[c.req.param('store')];
    const name = c.req.param('name');
    if (!store) return c.json({ errorCode: 'ERR_SECRET_STORE_NOT_FOUND', message: `secret store ${c.req.param('store')} not found` }, 400);
    if (store.denied?.includes(name)) return c.json({ errorCode: 'ERR_PERMISSION_DENIED', message: `access denied by policy to get "${name}"` }, 403);
    const secret = store.secrets[name];
    return secret ? c.json(secret, 200) : c.body(null, 204);
  });
  return app;
}
