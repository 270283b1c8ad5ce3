import type { Hono } from 'hono';
import { type DocumentInfo, openApiDocument } from './openapi-document';
import type { ApiContracts } from './route-contract';

/** `GET /openapi.json`: the description of what this process serves, built once on first request. */
export function mountOpenApiRoute(app: Hono<never>, info: DocumentInfo, apis: () => ApiContracts[]): void {
  let body: string | undefined;
  app.get('/openapi.json', (c) => {
    body ??= JSON.stringify(openApiDocument(info, apis()));
    return c.body(body, 200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
  });
}
