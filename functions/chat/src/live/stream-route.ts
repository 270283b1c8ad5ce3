import { Hono } from 'hono';
import { type Authenticator, requireUser, type User } from '#shared/http/auth';
import { Problem } from '#shared/http/problem';
import type { StreamTickets } from './stream-tickets';
import type { LiveListener, LiveMessage, UserHub } from './user-hub';

export interface StreamOptions {
  authenticate: Authenticator;
  tickets: StreamTickets;
  hub: UserHub;
  /** Aborted when the process stops: every stream ends so the server can close. */
  closing: AbortSignal;
  heartbeatMs?: number;
  /**
   * Streams end after at most this long and the browser reconnects (Knative cuts requests at its
   * timeout). Each stream's age is drawn between `1 - MAX_AGE_SPREAD` and 1 times this, so pages
   * opened together (after a deploy or a restart) do not all reconnect in the same second.
   */
  maxAgeMs?: number;
  /** A number in [0, 1) per stream, for its share of the age spread (Math.random unless given). */
  random?: () => number;
  /** A stream whose client reads slower than messages come ends at this many unsent messages; the page reconnects and reloads. */
  maxQueued?: number;
}

const BEARER = /^Bearer\s+(\S+)$/i;
const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'Transfer-Encoding': 'chunked', 'X-Accel-Buffering': 'no' };
const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const field = (value: string) => value.replace(/[\r\n]/g, '');
const MAX_AGE_SPREAD = 0.25;

/**
 * One stream's server-sent events as a plain ReadableStream with a single timer, not Hono's
 * `streamSSE` (a TransformStream, a writer and a waiting loop per stream): what an open page costs is
 * most of what 10,000 of them cost (bench/scenarios/live-streams.ts measures it). Messages wait in
 * `queue` until the reader takes the previous one; more than `maxQueued` waiting ends the stream.
 */
function openSse(options: { heartbeatMs: number; maxAgeMs: number; maxQueued: number; closing: AbortSignal }) {
  const queue: LiveMessage[] = [];
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let flushing = false;
  let ended = false;
  let release = () => {};
  const end = (close: boolean) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    queue.length = 0;
    release();
    if (close) controller?.close();
  };
  const stop = () => end(true);
  const flush = () => {
    flushing = false;
    while (!ended && controller && queue.length > 0 && (controller.desiredSize ?? 0) > 0) {
      const message = queue.shift()!;
      controller.enqueue(encoder.encode(`event: ${message.event}\nid: ${field(message.id)}\ndata: ${JSON.stringify(message.data)}\n\n`));
    }
  };
  const listener: LiveListener = {
    push(message) {
      if (ended) return;
      if (queue.length >= options.maxQueued) return stop();
      queue.push(message);
      if (!flushing) {
        flushing = true;
        queueMicrotask(flush);
      }
    },
    end: stop,
  };
  return {
    listener,
    /** The response body: `ready` first, then the user's messages and heartbeats until the stream ends. */
    start(userId: string, unsubscribe: () => void): ReadableStream<Uint8Array> {
      const deadline = Date.now() + options.maxAgeMs;
      release = () => {
        unsubscribe();
        options.closing.removeEventListener('abort', stop);
      };
      const tick = () => {
        if (Date.now() >= deadline) return stop();
        if (queue.length === 0 && (controller?.desiredSize ?? 0) > 0) controller!.enqueue(HEARTBEAT);
        timer = setTimeout(tick, Math.min(options.heartbeatMs, Math.max(0, deadline - Date.now())));
      };
      return new ReadableStream<Uint8Array>({
        start(opened) {
          controller = opened;
          opened.enqueue(encoder.encode(`event: ready\ndata: ${JSON.stringify({ userId })}\nretry: 3000\n\n`));
          if (options.closing.aborted) return stop();
          options.closing.addEventListener('abort', stop, { once: true });
          timer = setTimeout(tick, Math.min(options.heartbeatMs, options.maxAgeMs));
        },
        pull: flush,
        // The client went away (the server cancels the body when the connection closes).
        cancel: () => end(false),
      });
    },
  };
}

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
  const longestAgeMs = options.maxAgeMs ?? 240_000;
  const random = options.random ?? Math.random;
  const maxQueued = options.maxQueued ?? 500;

  app.post('/stream/tickets', requireUser(options.authenticate), async (c) => c.json(await options.tickets.issue(c.var.user.id), 201));
  app.get('/stream', async (c) => {
    const user = await userOf(options, c.req.query('ticket'), c.req.header('authorization'));
    const maxAgeMs = Math.round(longestAgeMs * (1 - MAX_AGE_SPREAD * random()));
    const sse = openSse({ heartbeatMs, maxAgeMs, maxQueued, closing: options.closing });
    const unsubscribe = options.hub.subscribe(user.id, sse.listener);
    if (unsubscribe === 'user-limit') throw new Problem(429, 'Too Many Requests', 'too many live streams are open for this user');
    if (unsubscribe === 'instance-limit') {
      c.header('Retry-After', '5');
      throw new Problem(503, 'Service Unavailable', 'this instance holds as many live streams as it may; try again shortly');
    }
    return c.body(sse.start(user.id, unsubscribe), 200, SSE_HEADERS);
  });
  return app;
}
