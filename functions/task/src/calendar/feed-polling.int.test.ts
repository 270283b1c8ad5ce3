import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '#shared/http/create-http-app';
import { calendarRoutes } from './calendar-routes';
import { type CalendarKit, startCalendarKit } from '../../test/calendar-test-kit';
import { FEED_TASK_LIMIT } from './feed-tasks';
import { eventsByUid, readCalendar } from '../../test/calendar/ical-oracle';

let kit: CalendarKit;
beforeAll(async () => {
  kit = await startCalendarKit();
});
afterAll(() => kit.stop());

const STRONG_TAG = /^"[^"]+"$/;

describe('polling the feed', () => {
  it('sends a strong ETag that stays while the feed does, and answers If-None-Match with an empty 304', async () => {
    await kit.call('alice', 'POST', '/tasks', { title: 'Dentist', dueAt: '2026-06-02T15:00:00Z' });
    const path = await kit.feedPath('alice');
    const first = await kit.poll(path);
    const second = await kit.poll(path);

    expect(first.headers.get('etag')).toMatch(STRONG_TAG);
    expect(second).toMatchObject({ status: 200, text: first.text });
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const etag = first.headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const unchanged = await kit.poll(path, { 'if-none-match': ifNoneMatch });
      expect({ ifNoneMatch, status: unchanged.status, text: unchanged.text }).toEqual({ ifNoneMatch, status: 304, text: '' });
      expect(unchanged.headers.get('etag')).toBe(etag);
      expect(unchanged.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    }
    expect((await kit.poll(path, { 'if-none-match': '"something else"' })).status).toBe(200);
  });

  it.each([
    ['a task changes', async (id: string) => kit.call('bob', 'PUT', `/tasks/${id}`, { title: 'Moved' })],
    ['a task is completed', async (id: string) => kit.call('bob', 'POST', `/tasks/${id}/complete`)],
    ['a task is deleted', async (id: string) => kit.call('bob', 'DELETE', `/tasks/${id}`)],
    ['a task is added', async () => kit.call('bob', 'POST', '/tasks', { title: 'New', dueAt: '2026-06-09T10:00:00Z' })],
  ])('gives a new ETag and the new feed when %s', async (_, change) => {
    const task = await kit.call('bob', 'POST', '/tasks', { title: 'Gym', dueAt: '2026-06-03T18:00:00Z' });
    const path = await kit.feedPath('bob');
    const before = await kit.poll(path);
    await change(task.body.id);
    const after = await kit.poll(path, { 'if-none-match': before.headers.get('etag')! });

    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toMatch(STRONG_TAG);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.text).not.toBe(before.text);
  });

  it('keeps the ETag when another user’s tasks change', async () => {
    await kit.call('carol', 'POST', '/tasks', { title: 'Carol', dueAt: '2026-06-02T15:00:00Z' });
    const path = await kit.feedPath('carol');
    const etag = (await kit.poll(path)).headers.get('etag')!;
    await kit.call('dave', 'POST', '/tasks', { title: 'Dave', dueAt: '2026-06-01T15:00:00Z' });

    expect((await kit.poll(path, { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers 304 after a restart too: the ETag comes from the content, not from memory', async () => {
    await kit.call('erin', 'POST', '/tasks', { title: 'Erin', dueAt: '2026-06-02T15:00:00Z', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Rome' } });
    const path = await kit.feedPath('erin');
    const etag = (await kit.poll(path)).headers.get('etag')!;
    const restarted = createHttpApp({ log: kit.deps.log, metrics: kit.deps.metrics, maxBodyBytes: 1024 });
    restarted.route('/', calendarRoutes(kit.deps) as unknown as Hono);

    const answer = await restarted.request(path, { headers: { 'if-none-match': etag } });
    expect(answer.status).toBe(304);
    expect(answer.headers.get('etag')).toBe(etag);
  });
});

describe('the cap', () => {
  it(`holds the ${FEED_TASK_LIMIT} pending tasks due soonest of a user with more`, async () => {
    const total = FEED_TASK_LIMIT + 500;
    // Due times shuffled over the ids: hour (n * 7919) mod total after June 1st.
    await kit.sql.unsafe(
      `insert into ${kit.schema}.tasks (id, user_id, title, status, priority, tags, due_at, reminders, version, created_at, updated_at, search)
       select gen_random_uuid(), 'many', 'Task ' || ((n * 7919) % $1), 'pending', 2, '{}', timestamptz '2026-06-01T00:00:00Z' + ((n * 7919) % $1) * interval '1 hour',
              '{PT0S}', 1, now(), now(), to_tsvector('simple', 'task')
       from generate_series(0, $1 - 1) as n`,
      [total],
    );
    const polled = await kit.poll(await kit.feedPath('many'));
    const titles = [...eventsByUid(readCalendar(polled.text)).values()].map((event) => event.summary);

    expect(titles).toHaveLength(FEED_TASK_LIMIT);
    expect(new Set(titles)).toEqual(new Set(Array.from({ length: FEED_TASK_LIMIT }, (_, hour) => `Task ${hour}`)));
  });

  it('takes the limit from the options', async () => {
    const small = await startCalendarKit({ taskLimit: 2 });
    try {
      for (const hour of [3, 1, 2]) await small.call('fay', 'POST', '/tasks', { title: `At ${hour}`, dueAt: `2026-06-01T0${hour}:00:00Z` });
      const polled = await small.poll(await small.feedPath('fay'));
      expect([...eventsByUid(readCalendar(polled.text)).values()].map((event) => event.summary).sort()).toEqual(['At 1', 'At 2']);
    } finally {
      await small.stop();
    }
  });
});
