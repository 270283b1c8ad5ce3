import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listen } from '#shared/runtime/http-server';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { readEvents } from '../../test/live/sse-reader';
import { streamRoutes } from './stream-route';
import type { StreamTickets } from './stream-tickets';
import { createUserHub } from './user-hub';

const authenticate = async (token: string) => {
  if (!token.startsWith('good-')) throw new Error('bad token');
  return { id: token.slice(5) };
};

/** Tickets in a map: the route's rules, without the database (postgresStreamTickets is tested on Postgres). */
function memoryTickets(): StreamTickets {
  const users = new Map<string, string>();
  let next = 0;
  return {
    issue: async (userId) => {
      const ticket = `ticket${String(++next).padStart(37, '0')}`;
      users.set(ticket, userId);
      return { ticket, expiresIn: 30 };
    },
    redeem: async (ticket) => {
      const userId = users.get(ticket) ?? null;
      users.delete(ticket);
      return userId;
    },
  };
}

/** The two ways the route is reached: through the function's Node server (written to the socket's own response), or requested in process. */
const TRANSPORTS = [
  { name: 'served by Node', served: true },
  { name: 'requested in process', served: false },
] as const;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server, { drainMs: 100 })));
});

type GivenOptions = { heartbeatMs?: number; maxAgeMs?: number; maxQueued?: number; maxStreams?: number; random?: () => number; tickets?: StreamTickets };

async function given(served: boolean, options: GivenOptions = {}) {
  const hub = createUserHub({ maxStreamsPerUser: 2, ...(options.maxStreams ? { maxStreams: options.maxStreams } : {}) });
  const closing = new AbortController();
  const app = createHttpApp({ log: pino({ level: 'silent' }), metrics: createMetrics('stream-test'), maxBodyBytes: 1024 });
  app.route('/', streamRoutes({ authenticate, tickets: memoryTickets(), hub, closing: closing.signal, ...options }) as unknown as Hono);
  let request = (path: string, init?: RequestInit): Promise<Response> => Promise.resolve(app.request(path, init));
  if (served) {
    const server = await listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    request = (path, init) => fetch(`${base}${path}`, init);
  }
  const open = (user: string) => request('/stream', { headers: { authorization: `Bearer good-${user}` } });
  return { hub, closing, request, open };
}

describe.each(TRANSPORTS)('GET /stream, $name', ({ served }) => {
  it('pushes only the user\'s own messages, once each, with heartbeat comments', async () => {
    const { hub, closing, open } = await given(served, { heartbeatMs: 20 });
    const response = await open('alice');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEvents(response);
    await stream.waitFor((e) => e.event === 'ready');
    hub.publish('bob', { event: 'task', id: 'e1', data: { title: 'bob' } });
    hub.publish('alice', { event: 'task', id: 'e2', data: { title: 'alice' } });
    hub.publish('alice', { event: 'task', id: 'e2', data: { title: 'alice' } });
    await stream.waitFor((e) => e.event === 'task');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stream.events.filter((e) => e.event === 'task')).toEqual([{ event: 'task', id: 'e2', data: '{"title":"alice"}' }]);
    expect(stream.comments).toContain('heartbeat');
    closing.abort();
    await stream.done;
    expect(hub.streamCount()).toBe(0);
  });

  it('ends a stream after its maximum age so the browser reconnects', async () => {
    const { request, hub } = await given(served, { maxAgeMs: 50 });
    const stream = readEvents(await request('/stream', { headers: { authorization: 'Bearer good-alice' } }));
    await stream.done;
    expect(stream.events[0]).toMatchObject({ event: 'ready' });
    expect(hub.streamCount()).toBe(0);
  });

  it('spreads the maximum age over its last quarter, so pages opened together reconnect apart', async () => {
    const draws = [0, 0.999];
    const { request } = await given(served, { maxAgeMs: 600, random: () => draws.shift()! });
    const started = performance.now();
    const endedAfter = async (user: string) => {
      await readEvents(await request('/stream', { headers: { authorization: `Bearer good-${user}` } })).done;
      return performance.now() - started;
    };
    const [longest, shortest] = await Promise.all([endedAfter('alice'), endedAfter('bob')]);
    expect(shortest).toBeGreaterThanOrEqual(440);
    expect(shortest).toBeLessThan(longest - 100);
    expect(longest).toBeGreaterThanOrEqual(590);
  });

  it('ends every open stream when the hub may have missed messages, so the pages reconnect and reload', async () => {
    const { hub, open } = await given(served);
    const alice = readEvents(await open('alice'));
    const bob = readEvents(await open('bob'));
    await alice.waitFor((e) => e.event === 'ready');
    await bob.waitFor((e) => e.event === 'ready');
    expect([hub.has('alice'), hub.has('bob'), hub.has('carol')]).toEqual([true, true, false]);

    expect(hub.endAll()).toBe(2);
    await Promise.all([alice.done, bob.done]);
    expect(hub.streamCount()).toBe(0);
    expect(hub.has('alice')).toBe(false);
  });

  it('ends a stream whose reader falls more than maxQueued messages behind', async () => {
    const { hub, open } = await given(served, { maxQueued: 3 });
    const stream = readEvents(await open('alice'));
    await stream.waitFor((e) => e.event === 'ready');
    for (let i = 1; i <= 4; i++) hub.publish('alice', { event: 'task', id: `e${i}`, data: { i } });
    await stream.done;
    expect(stream.events.map((e) => e.event)).toEqual(['ready']);
    expect(hub.streamCount()).toBe(0);
  });

  it('holds messages while the reader does not read, and ends the stream once more than maxQueued wait', async () => {
    const { hub, open } = await given(served, { maxQueued: 3 });
    const reader = (await open('alice')).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^event: ready\n/);
    // Over a socket the kernel's and the client's buffers take megabytes first: large messages fill them.
    const padding = served ? 'x'.repeat(64 * 1024) : '';
    let published = 0;
    while (published < 2_000 && hub.streamCount() > 0) {
      hub.publish('alice', { event: 'task', id: `e${++published}`, data: { padding } });
      await new Promise((resolve) => setTimeout(resolve, served ? 1 : 5));
    }
    expect(hub.streamCount()).toBe(0);
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    // The three waiting and the one that overflowed were never sent (in process, where nothing
    // buffers, that leaves at most the one message the stream had taken before the reader stopped).
    expect(text.match(/^event: task$/gm)?.length ?? 0).toBeLessThanOrEqual(published - 4);
  });

  it('lets go of the stream (hub, timer, closing listener) when the page goes away', async () => {
    const { hub, open } = await given(served, { heartbeatMs: 10 });
    const stream = readEvents(await open('alice'));
    await stream.waitFor((e) => e.event === 'ready');
    expect(hub.streamCount()).toBe(1);
    await stream.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(hub.streamCount()).toBe(0);
    expect(hub.has('alice')).toBe(false);
    expect(hub.publish('alice', { event: 'task', id: 'late', data: {} })).toBe(0);
  });

  it('writes each message as one server-sent event with its id, its JSON data, and no line break from the id', async () => {
    const { hub, closing, open } = await given(served);
    const stream = readEvents(await open('alice'));
    await stream.waitFor((e) => e.event === 'ready');
    hub.publish('alice', { event: 'notification', id: 'n1\nevent: forged', data: { text: 'two\nlines' } });
    expect(await stream.waitFor((e) => e.event === 'notification')).toEqual({ event: 'notification', id: 'n1event: forged', data: '{"text":"two\\nlines"}' });
    closing.abort();
    await stream.done;
  });

  it('refuses a missing or bad token (401) and too many streams of one user (429)', async () => {
    const { request, closing, open } = await given(served);
    const missing = await request('/stream');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await request('/stream', { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
    const opened = [await open('carol'), await open('carol')];
    expect((await open('carol')).status).toBe(429);
    closing.abort();
    await Promise.all(opened.map((response) => readEvents(response).done));
  });

  it('never takes a bearer token from the URL, where proxies log it', async () => {
    const { request } = await given(served);
    expect((await request('/stream?access_token=good-alice')).status).toBe(401);
  });

  it('opens one stream per ticket, and only for the user it was issued to', async () => {
    const { request, closing } = await given(served);
    expect((await request('/stream/tickets', { method: 'POST' })).status).toBe(401);
    const issued = await request('/stream/tickets', { method: 'POST', headers: { authorization: 'Bearer good-dana' } });
    expect(issued.status).toBe(201);
    const { ticket } = (await issued.json()) as { ticket: string };

    const stream = readEvents(await request(`/stream?ticket=${ticket}`));
    expect((await stream.waitFor((e) => e.event === 'ready')).data).toBe('{"userId":"dana"}');
    expect((await request(`/stream?ticket=${ticket}`)).status).toBe(401);
    expect((await request('/stream?ticket=made-up')).status).toBe(401);
    closing.abort();
    await stream.done;
  });

  it('answers 503 with Retry-After once this instance holds its maximum of streams', async () => {
    const { closing, open } = await given(served, { maxStreams: 2 });
    const opened = [await open('erin'), await open('fay')];
    const refused = await open('gus');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    closing.abort();
    await Promise.all(opened.map((response) => readEvents(response).done));
  });
  it('sends the headers the middlewares set (the trace context) with the stream', async () => {
    const { closing, open } = await given(served);
    const response = await open('hana');
    expect(response.status).toBe(200);
    expect(response.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    closing.abort();
    await readEvents(response).done;
  });

  it('answers HEAD with the stream\'s headers and holds no stream open', async () => {
    const { hub, request } = await given(served);
    const response = await request('/stream', { method: 'HEAD', headers: { authorization: 'Bearer good-ivan' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(hub.streamCount()).toBe(0);
  });

  it.runIf(served)('holds no stream for a page that went away while its ticket was being checked', async () => {
    const tickets = memoryTickets();
    const slowTickets: StreamTickets = { issue: tickets.issue, redeem: async (ticket) => (await new Promise((resolve) => setTimeout(resolve, 100)), tickets.redeem(ticket)) };
    const { hub, request } = await given(served, { tickets: slowTickets });
    const { ticket } = await tickets.issue('jo');
    const leaving = new AbortController();
    const opening = request(`/stream?ticket=${ticket}`, { signal: leaving.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 30));
    leaving.abort();
    expect(await opening).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(hub.streamCount()).toBe(0);
    expect(hub.has('jo')).toBe(false);
  });
});
