import { Hono } from 'hono';

export interface SecretStoreOptions {
  /** Secret name → its keys and values (a Kubernetes Secret has several keys; a vault entry has one). */
  secrets: Record<string, Record<string, string>>;
  /** Names the Configuration's secret scopes deny. */
  denied?: string[];
}

/**
 * `GET /v1.0/secrets/{store}/{name}` as a real daprd 1.18 answers it (checked by the same cases in
 * shared/src/secrets/secret-source.contract.ts): 200 with the secret's key→value map; a secret the
 * store does not have → 500 `ERR_SECRET_GET` "… not found" (not the 204 the API reference documents);
 * an unknown store → 401 `ERR_SECRET_STORE_NOT_FOUND` (the reference says 400); 403 when the scopes deny the name.
 */
export function secretRoutes(stores: Record<string, SecretStoreOptions>): Hono {
  const app = new Hono();
  app.get('/:store/:name', (c) => {
    const store = stores[c.req.param('store')];
    const name = c.req.param('name');
    if (!store) return c.json({ errorCode: 'ERR_SECRET_STORE_NOT_FOUND', message: `failed finding secret store with key ${c.req.param('store')}` }, 401);
    if (store.denied?.includes(name)) return c.json({ errorCode: 'ERR_PERMISSION_DENIED', message: `access denied by policy to get "${name}"` }, 403);
    const secret = store.secrets[name];
    if (secret) return c.json(secret, 200);
    const storeName = c.req.param('store');
    return c.json({ errorCode: 'ERR_SECRET_GET', message: `failed getting secret with key ${name} from secret store ${storeName}: secret ${name} not found` }, 500);
  });
  return app;
}
