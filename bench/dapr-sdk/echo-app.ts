import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { freePort } from '../spawn-function';

/** What the app saw of one invocation, echoed in its answer. */
export interface EchoedRequest {
  method: string;
  path: string;
  authorization: string | null;
  traceparent: string | null;
  body: string;
}

/**
 * The app beside the bench's sidecar, for service invocation: `/status/<code>` answers that status with
 * the request echoed as JSON (problem+json for 4xx/5xx) and a header `x-bench: echo`, so a client's
 * answer shows what it keeps of status, headers and body. It answers daprd's own start-up calls
 * (`/dapr/config`, `/dapr/subscribe`) with nothing to configure.
 */
export async function startEchoApp(): Promise<{ port: number; close(): Promise<void> }> {
  const port = await freePort();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '/';
      if (path === '/dapr/subscribe') return void response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      const status = /^\/status\/(\d{3})/.exec(path)?.[1];
      if (!status) return void response.writeHead(404).end();
      const echoed: EchoedRequest = { method: request.method ?? '', path, authorization: request.headers.authorization ?? null, traceparent: (request.headers.traceparent as string | undefined) ?? null, body };
      const type = Number(status) >= 400 ? 'application/problem+json' : 'application/json';
      response.writeHead(Number(status), { 'content-type': type, 'x-bench': 'echo' }).end(JSON.stringify(echoed));
    });
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
