import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type Authenticator, requireUser, type User } from '#shared/http/auth';
import { Problem } from '#shared/http/problem';
import type { StreamTickets } from './stream-tickets';
import type { LiveMessage, UserHub } from './user-hub';

export interface StreamOptions {
  authenticate: Authenticator;
  tickets: StreamTickets;
  hub: UserHub;
  /** Aborted when the process stops: every stream ends so the server can close. */
  closing: AbortSignal;
  heartbeatMs?: number;
  /** Streams end after this long and the browser reconnects (Knative cuts requests at its timeout). */
  maxAgeMs?: number;
  /** A stream whose client reads slower than messages come ends at this many unsent messages; the page reconnects and reloads. */
  maxQueued?: number;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** The stream's user: from a single-use ticket (`?ticket=`, what a page's EventSource sends) or a bearer header. */
async function userOf(options: StreamOptions, ticket: string | undefined, authorization: string | undefined): Promise<User> {
  if (ticket) {
    const userId = await options.tickets.redeem(ticket);
    if (!userId) throw new Problem(401, 'Unauthorized', 'the ticket is unknown, spent or expired; ask POST /stream/tickets for a new one');
    return { id: userId };
  }
  const token = BEARER.exec(authorization ?? '')?.[1];
  if (!token) throw new Problem(401, 'Unauthorized', 'open the stream with ?ticket= (POST /stream/tickets) or Authorization: Bearer');
  try {
    return await options.authenticate(token);
  } catch {
    throw new Problem(401, 'Unauthorized', 'the token is invalid or expired');
  }
}

/**
 * `POST /stream/tickets` (bearer token) → `{ticket, expiresIn}`: a ticket that opens one stream within
 * 30 s. `GET /stream`: server-sent events with the user's task changes (`event: task`) and
 * notifications (`event: notification`), JSON data, heartbeat comments every 15 s. EventSource cannot
 * send headers, and a token in a URL ends up in proxy logs, so a page opens it with `?ticket=`;
 * other clients may send `Authorization: Bearer`. 429 when the user has too many streams open, 503
 * when this instance has.
 */
export function streamRoutes(options: StreamOptions): Hono<{ Variables: { user: User } }> {
  const app = new Hono<{ Variables: { user: User } }>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxAgeMs = options.maxAgeMs ?? 240_000;
  const maxQueued = options.maxQueued ?? 500;

  app.post('/stream/tickets', requireUser(options.authenticate), async (c) => c.json(await options.tickets.issue(c.var.user.id), 201));
  app.get('/stream', async (c) => {
    const user = await userOf(options, c.req.query('ticket'), c.req.header('authorization'));
    const queue: LiveMessage[] = [];
    let wake: (() => void) | null = null;
    let open = true;
    const stop = () => {
      open = false;
      wake?.();
    };
    const unsubscribe = options.hub.subscribe(user.id, {
      push(message) {
        if (queue.length >= maxQueued) return stop();
        queue.push(message);
        wake?.();
      },
      end: stop,
    });
    if (unsubscribe === 'user-limit') throw new Problem(429, 'Too Many Requests', 'too many live streams are open for this user');
    if (unsubscribe === 'instance-limit') {
      c.header('Retry-After', '5');
      throw new Problem(503, 'Service Unavailable', 'this instance holds as many live streams as it may; try again shortly');
    }
    c.header('X-Accel-Buffering', 'no');

    return streamSSE(c, async (stream) => {
      stream.onAbort(stop);
      options.closing.addEventListener('abort', stop, { once: true });
      const deadline = Date.now() + maxAgeMs;
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: user.id }), retry: 3_000 });
        while (open && !options.closing.aborted && Date.now() < deadline) {
          while (open && queue.length > 0) {
            const message = queue.shift()!;
            await stream.writeSSE({ event: message.event, id: message.id, data: JSON.stringify(message.data) });
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), Math.min(heartbeatMs, Math.max(0, deadline - Date.now())));
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = null;
          if (!woken && open) await stream.write(': heartbeat\n\n');
        }
      } finally {
        unsubscribe();
        options.closing.removeEventListener('abort', stop);
      }
    });
  });
  return app;
}
