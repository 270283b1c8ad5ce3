import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '#shared/bus/memory-bus';
import { createHttpApp } from '#shared/http/create-http-app';
import { taskModule } from '../task-module';
import { type CalendarKit, startCalendarKit } from '../../test/calendar-test-kit';

let kit: CalendarKit;
beforeAll(async () => {
  kit = await startCalendarKit();
});
afterAll(() => kit.stop());

const tokenOf = (path: string) => /^\/calendar\/(.+)\.ics$/.exec(path)![1]!;

describe('POST /calendar/feed', () => {
  it('creates a feed: 201 with its path and token once, never cached', async () => {
    const created = await kit.call('alice', 'POST', '/calendar/feed');

    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body.path).toBe(`/calendar/${created.body.token}.ics`);
    expect(created.body.createdAt).toBe(kit.clock.now().toISOString());
    expect(Buffer.from(created.body.token, 'base64url')).toHaveLength(32);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await kit.poll(created.body.path)).status).toBe(200);
  });

  it('keeps only the SHA-256 of the token, one feed per user', async () => {
    await kit.feedPath('carol');
    const path = await kit.feedPath('carol');
    const rows = await kit.sql.unsafe(`select * from ${kit.schema}.calendar_feeds where user_id = 'carol'`);

    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.token_hash as Uint8Array)).toEqual(createHash('sha256').update(tokenOf(path)).digest());
    expect(JSON.stringify(rows)).not.toContain(tokenOf(path));
  });

  it('rotates: the old URL is gone at once, the new one works', async () => {
    const old = await kit.feedPath('dave');
    const rotated = await kit.feedPath('dave');

    expect(rotated).not.toBe(old);
    expect((await kit.poll(old)).status).toBe(404);
    expect((await kit.poll(rotated)).status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    const anonymous = await kit.call(null, 'POST', '/calendar/feed');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('GET /calendar/feed', () => {
  it('says when the feed was created, never its token', async () => {
    kit.clock.advance(60_000);
    const path = await kit.feedPath('erin');
    const described = await kit.call('erin', 'GET', '/calendar/feed');

    expect(described).toMatchObject({ status: 200, body: { exists: true, createdAt: kit.clock.now().toISOString() } });
    expect(JSON.stringify(described.body)).not.toContain(tokenOf(path));
  });

  it('says there is none for a user without a feed', async () => {
    expect(await kit.call('frank', 'GET', '/calendar/feed')).toMatchObject({ status: 200, body: { exists: false, createdAt: null } });
  });
});

describe('DELETE /calendar/feed', () => {
  it('revokes the feed: 204, its URL 404, and 404 when there is none left', async () => {
    const path = await kit.feedPath('gina');

    expect((await kit.call('gina', 'DELETE', '/calendar/feed')).status).toBe(204);
    expect((await kit.poll(path)).status).toBe(404);
    expect((await kit.call('gina', 'GET', '/calendar/feed')).body.exists).toBe(false);
    expect((await kit.call('gina', 'DELETE', '/calendar/feed')).status).toBe(404);
  });

  it('revokes only the caller’s own feed', async () => {
    const hers = await kit.feedPath('hana');
    await kit.feedPath('ivan');
    await kit.call('ivan', 'DELETE', '/calendar/feed');
    expect((await kit.poll(hers)).status).toBe(200);
  });
});

describe('GET /calendar/{token}.ics with a bad token', () => {
  it('answers every unknown, revoked, malformed or hostile token with the same 404', async () => {
    const path = await kit.feedPath('judy');
    const token = tokenOf(path);
    const revoked = await kit.feedPath('kim');
    await kit.call('kim', 'DELETE', '/calendar/feed');
    const flipped = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const paths = [
      revoked,
      `/calendar/${flipped}.ics`,
      `/calendar/${'A'.repeat(43)}.ics`,
      `/calendar/${token}`,
      `/calendar/${token}.ICS`,
      `/calendar/${token}.ics.ics`,
      `/calendar/${token}x.ics`,
      `/calendar/${token.slice(0, 42)}.ics`,
      `/calendar/${'A'.repeat(10_240)}.ics`,
      `/calendar/..%2F${token}.ics`,
      `/calendar/%2e%2e%2f%2e%2e%2ftasks.ics`,
      `/calendar/${encodeURIComponent(`${token.slice(0, 42)}/`)}.ics`,
      `/calendar/${token}%00.ics`,
      '/calendar/feed.ics',
      '/calendar/.ics',
      '/calendar/%E0%A4%A.ics',
      '/calendar/%.ics',
    ];
    for (const candidate of paths) {
      const answer = await kit.call(null, 'GET', candidate);
      expect({ candidate, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ candidate, status: 404, type: 'application/problem+json' });
      expect(answer.body).toMatchObject({ title: 'Not Found', detail: 'no such calendar feed' });
    }
    expect((await kit.poll(path)).status).toBe(200);
  });

  it('does not serve a feed to a bearer token or under a path with more segments', async () => {
    const path = await kit.feedPath('lena');
    expect((await kit.call('lena', 'GET', '/calendar/feed.ics')).status).toBe(404);
    expect((await kit.call(null, 'GET', `${path}/x`)).status).toBe(404);
    expect((await kit.call(null, 'GET', `/calendar/x/..${path.slice('/calendar'.length)}`)).status).toBe(200);
  });
});

describe('the task module', () => {
  it('mounts the calendar routes beside the task API', async () => {
    const app = createHttpApp({ log: kit.deps.log, metrics: kit.deps.metrics, maxBodyBytes: 1024 });
    app.route('/', taskModule.create({ ...kit.deps, env: {}, bus: createMemoryBus({ log: kit.deps.log }) }, undefined).routes as unknown as Hono);
    const path = await kit.feedPath('mona');

    expect((await app.request('/calendar/feed', { method: 'POST' })).status).toBe(401);
    expect((await app.request(path)).headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  });
});
