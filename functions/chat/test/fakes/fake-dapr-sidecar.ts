import { createServer, type Server } from 'node:http';

export interface InvokedRequest {
  appId: string;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A fake Dapr sidecar for tests, following the documented service-invocation contract:
 * `<METHOD> /v1.0/invoke/<app-id>/method/<path>` is forwarded to the app with its method, headers
 * and body; a request without the right `dapr-api-token` answers 401; an app-id with no app
 * answers 500 with `ERR_DIRECT_INVOKE`, as daprd does when it cannot reach the target.
 */
export async function startFakeSidecar(options: { apps: Record<string, () => string>; apiToken?: string }) {
  const invoked: InvokedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const match = /^\/v1\.0\/invoke\/([^/]+)\/method(\/.*)$/.exec(req.url ?? '');
      if (!match) return void res.writeHead(404).end();
      const [, appId, path] = match as unknown as [string, string, string];
      const body = Buffer.concat(chunks).toString('utf8');
      invoked.push({ appId, method: req.method!, path, headers: req.headers, body });
      if (options.apiToken && req.headers['dapr-api-token'] !== options.apiToken) {
        return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorCode":"ERR_API_TOKEN","message":"invalid api token"}');
      }
      const target = options.apps[appId];
      if (!target) {
        return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'ERR_DIRECT_INVOKE', message: `failed to invoke, id: ${appId}` }));
      }
      const forward: Record<string, string> = {};
      for (const name of ['authorization', 'traceparent', 'content-type', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') forward[name] = value;
      }
      const answer = await fetch(`${target()}${path}`, { method: req.method!, headers: forward, ...(body ? { body } : {}) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    invoked,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
