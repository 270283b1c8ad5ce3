import { createServer, request, type Server, type ServerResponse } from 'node:http';

/** A path prefix and the base URL (`http://host:port`) it goes to; the first match wins, `''` matches all. */
export interface IngressRoute {
  prefix: string;
  target: string;
}

export interface Ingress {
  url: string;
  stop(): Promise<void>;
}

/** Routes only the event path and the Dapr sidecar call: never reachable through the ingress. */
const INTERNAL = /^\/(events|dapr|job)(\/|$)/;

const notFound = (outgoing: ServerResponse, path: string) =>
  outgoing.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for ${path}` }));

/**
 * The local stand-in for the cluster's ingress: proxies each request to the function that owns its path,
 * streaming both ways (the chat page's live view is a server-sent event stream). Paths are matched and
 * forwarded in their normalised form (`/tasks/../events` is `/events`), and the functions' event and
 * sidecar routes are never forwarded. A function that does not answer gives 502, as a gateway would.
 */
export async function startIngress(options: { port: number; host: string; routes: readonly IngressRoute[] }): Promise<Ingress> {
  const server: Server = createServer((incoming, outgoing) => {
    // Appended to an origin, so that `//host/...` stays a path; then `.`/`..` resolved and `//` collapsed.
    const raw = incoming.url ?? '/';
    const normalised = new URL(`http://ingress${raw.startsWith('/') ? raw : `/${raw}`}`);
    const pathname = normalised.pathname.replace(/\/{2,}/g, '/');
    const path = `${pathname}${normalised.search}`;
    const route = INTERNAL.test(pathname) ? undefined : options.routes.find((candidate) => matches(path, candidate.prefix));
    if (!route) {
      notFound(outgoing, pathname);
      return;
    }
    const target = new URL(path, route.target);
    const forwarded = request(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', (error) => {
      if (outgoing.headersSent) outgoing.destroy();
      else outgoing.writeHead(502, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: `${route.target} did not answer: ${error.message}` }));
    });
    incoming.on('aborted', () => forwarded.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function matches(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}
