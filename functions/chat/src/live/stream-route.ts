import { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { type Authenticator, requireUser, type User } from '#shared/http/auth';
import { Problem } from '#shared/http/problem';
import { nodeResponseSink, readableStreamSink, type SseSink, type SseSinkEvents } from './sse-sink';
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
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'transfer-encoding': 'chunked', 'x-accel-buffering': 'no' };
const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const field = (value: string) => value.replace(/[\r\n]/g, '');
const MAX_AGE_SPREAD = 0.25;

/**
 * One stream's server-sent events with a single timer, not Hono's `streamSSE` (a TransformStream, a
 * writer and a waiting loop per stream): what an open page costs is most of what 10,000 of them cost
 * (bench/scenarios/live-streams.ts measures it). Messages wait in `queue` until the sink can take
 * more; more than `maxQueued` waiting ends the stream.
 */
function openSse(options: { heartbeatMs: number; maxAgeMs: number; maxQueued: number; closing: AbortSignal }) {
  const queue: LiveMessage[] = [];
  let sink: SseSink | null = null;
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
    if (close) sink?.end();
  };
  const stop = () => end(true);
  const flush = () => {
    flushing = false;
    while (!ended && sink && queue.length > 0 && sink.ready()) {
      const message = queue.shift()!;
      sink.write(encoder.encode(`event: ${message.event}\nid: ${field(message.id)}\ndata: ${JSON.stringify(message.data)}\n\n`));
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
  const events: SseSinkEvents = { onReady: flush, onGone: () => end(false) };
  return {
    listener,
    /** For the sink: the client can take more, or went away. */
    events,
    /** Starts the stream on its sink: `ready` first, then the user's messages and heartbeats until the stream ends. */
    start(userId: string, unsubscribe: () => void, opened: SseSink) {
      sink = opened;
      const deadline = Date.now() + options.maxAgeMs;
      release = () => {
        unsubscribe();
        options.closing.removeEventListener('abort', stop);
      };
      const tick = () => {
        if (Date.now() >= deadline) return stop();
        if (queue.length === 0 && opened.ready()) opened.write(HEARTBEAT);
        timer = setTimeout(tick, Math.min(options.heartbeatMs, Math.max(0, deadline - Date.now())));
      };
      opened.write(encoder.encode(`event: ready\ndata: ${JSON.stringify({ userId })}\nretry: 3000\n\n`));
      if (ended) return;
      if (options.closing.aborted) return stop();
      options.closing.addEventListener('abort', stop, { once: true });
      timer = setTimeout(tick, Math.min(options.heartbeatMs, options.maxAgeMs));
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
    // A HEAD request runs this GET route: the headers, and no stream held open for a body nobody reads.
    if (c.req.method === 'HEAD') return c.body(null, 200, SSE_HEADERS);
    const maxAgeMs = Math.round(longestAgeMs * (1 - MAX_AGE_SPREAD * random()));
    const sse = openSse({ heartbeatMs, maxAgeMs, maxQueued, closing: options.closing });
    const unsubscribe = options.hub.subscribe(user.id, sse.listener);
    if (unsubscribe === 'user-limit') throw new Problem(429, 'Too Many Requests', 'too many live streams are open for this user');
    if (unsubscribe === 'instance-limit') {
      c.header('Retry-After', '5');
      throw new Problem(503, 'Service Unavailable', 'this instance holds as many live streams as it may; try again shortly');
    }
    // Served by Node (the function's server): written to the socket's response itself, the lighter way.
    const response = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (response instanceof ServerResponse) {
      // The headers as Hono would send them (the middlewares' own, like traceparent, included), read
      // without touching `c.res`: once that exists, Hono wraps the answer and the server writes it again.
      const headers = Object.fromEntries(c.newResponse(null, 200, SSE_HEADERS).headers);
      sse.start(user.id, unsubscribe, nodeResponseSink(response, { status: 200, headers }, sse.events));
      return RESPONSE_ALREADY_SENT;
    }
    const { body, sink } = readableStreamSink(sse.events);
    sse.start(user.id, unsubscribe, sink);
    return c.body(body, 200, SSE_HEADERS);
  });
  return app;
}
