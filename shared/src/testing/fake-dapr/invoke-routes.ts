import { Hono } from 'hono';

/** A service invocation the sidecar accepted, as it arrived (its `path` keeps the query). */
export interface InvokedRequest {
  appId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const FORWARDED_HEADERS = ['authorization', 'traceparent', 'content-type', 'accept'];

/**
 * Service invocation as dapr/dapr `pkg/api/http/directmessaging.go` serves it:
 * `<METHOD> /v1.0/invoke/{app-id}/method/{path}` is forwarded to the app with its method, query,
 * headers and body, and the app's answer comes back as is. An app-id with no app answers 500
 * `ERR_DIRECT_INVOKE`, as daprd does when it cannot reach the target. `apps` maps an app-id to the
 * base URL of its app, read at each call.
 */
export function invokeRoutes(options: { apps: Record<string, () => string>; invoked: InvokedRequest[] }): Hono {
  const app = new Hono();
  app.all('/:appId/method/*', async (c) => {
    const appId = c.req.param('appId');
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/v1\.0\/invoke\/[^/]+\/method/, '') + url.search;
    const body = await c.req.text();
    options.invoked.push({ appId, method: c.req.method, path, headers: c.req.header(), body });
    const target = options.apps[appId];
    if (!target) return c.json({ errorCode: 'ERR_DIRECT_INVOKE', message: `failed to invoke, id: ${appId}` }, 500);
    const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (c.req.header(name) ? [[name, c.req.header(name)!]] : [])));
    const answer = await fetch(`${target()}${path}`, { method: c.req.method, headers, ...(body ? { body } : {}) });
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' } });
  });
  return app;
}
