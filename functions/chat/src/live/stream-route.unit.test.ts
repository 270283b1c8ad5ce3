import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { readEvents } from './sse-reader';
import { streamRoutes } from './stream-route';
import { createUserHub } from './user-hub';

const authenticate = async (token: string) => {
  if (!token.startsWith('good-')) throw new Error('bad token');
  return { id: token.slice(5) };
};

function given(options: { heartbeatMs?: number; maxAgeMs?: number; maxQueued?: number } = {}) {
  const hub = createUserHub({ maxStreamsPerUser: 2 });
  const closing = new AbortController();
  const app = createHttpApp({ log: pino({ level: 'silent' }), metrics: createMetrics('stream-test'), maxBodyBytes: 1024 });
  app.route('/', streamRoutes({ authenticate, hub, closing: closing.signal, ...options }));
  return { hub, closing, app };
}

describe('GET /stream', () => {
  it('pushes only the user\'s own messages, once each, with heartbeat comments', async () => {
    const { app, hub, closing } = given({ heartbeatMs: 20 });
    const response = await app.request('/stream?access_token=good-alice');
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
    const { app, hub } = given({ maxAgeMs: 50 });
    const stream = readEvents(await app.request('/stream', { headers: { authorization: 'Bearer good-alice' } }));
    await stream.done;
    expect(stream.events[0]).toMatchObject({ event: 'ready' });
    expect(hub.streamCount()).toBe(0);
  });

  it('ends every open stream when the hub may have missed messages, so the pages reconnect and reload', async () => {
    const { app, hub } = given();
    const alice = readEvents(await app.request('/stream?access_token=good-alice'));
    const bob = readEvents(await app.request('/stream?access_token=good-bob'));
    await alice.waitFor((e) => e.event === 'ready');
    await bob.waitFor((e) => e.event === 'ready');
    expect([hub.has('alice'), hub.has('bob'), hub.has('carol')]).toEqual([true, true, false]);

    expect(hub.endAll()).toBe(2);
    await Promise.all([alice.done, bob.done]);
    expect(hub.streamCount()).toBe(0);
    expect(hub.has('alice')).toBe(false);
  });

  it('ends a stream whose reader falls more than maxQueued messages behind', async () => {
    const { app, hub } = given({ maxQueued: 3 });
    const stream = readEvents(await app.request('/stream?access_token=good-alice'));
    await stream.waitFor((e) => e.event === 'ready');
    for (let i = 1; i <= 4; i++) hub.publish('alice', { event: 'task', id: `e${i}`, data: { i } });
    await stream.done;
    expect(stream.events.map((e) => e.event)).toEqual(['ready']);
    expect(hub.streamCount()).toBe(0);
  });

  it('refuses a missing or bad token (401) and too many streams (429)', async () => {
    const { app, closing } = given();
    const missing = await app.request('/stream');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await app.request('/stream?access_token=forged')).status).toBe(401);
    const open = [await app.request('/stream?access_token=good-carol'), await app.request('/stream?access_token=good-carol')];
    expect((await app.request('/stream?access_token=good-carol')).status).toBe(429);
    closing.abort();
    await Promise.all(open.map((response) => readEvents(response).done));
  });
});
