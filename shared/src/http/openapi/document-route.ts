import type { Hono } from 'hono';

/** `GET <path>`: a JSON description of this process (OpenAPI, AsyncAPI), built on the first request and kept. */
export function mountJsonDocument(app: Hono<never>, path: string, build: () => unknown): void {
  let body: string | undefined;
  app.get(path, (c) => {
    body ??= JSON.stringify(build());
    return c.body(body, 200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
  });
}
