import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/** Serves `fetch` on `hostname:port`; resolves once listening, rejects when the port cannot be taken. */
export function listen(options: { fetch: (request: Request) => Response | Promise<Response>; port: number; hostname: string }): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = serve({ fetch: options.fetch, port: options.port, hostname: options.hostname }, () => {
      server.off('error', reject);
      resolve(server);
    }) as Server;
    server.once('error', reject);
  });
}

/**
 * Stops taking connections and lets open requests finish for up to `drainMs`; connections still open
 * then (a slow client, a stream that did not end) are closed. Idle keep-alive connections are closed
 * as they become idle, so a client that keeps its connection does not hold the stop.
 */
export async function closeServer(server: Server, options: { drainMs: number }): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const force = setTimeout(() => server.closeAllConnections(), options.drainMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
}
