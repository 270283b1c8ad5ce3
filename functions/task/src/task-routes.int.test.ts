import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskKit, type TaskKit } from '../test/task-test-kit';

let kit: TaskKit;
beforeAll(async () => {
  kit = await startTaskKit();
});
afterAll(() => kit.stop());

const milk = { title: 'Buy milk', dueAt: '2026-05-02T17:00:00+02:00', tags: ['shopping'], priority: 'high' };

describe('POST /tasks', () => {
  it('creates a task with defaults, in UTC, and emits TaskCreated after commit', async () => {
    const created = await kit.call('alice', 'POST', '/tasks', milk);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/tasks/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: 'Buy milk',
      description: '',
      status: 'pending',
      priority: 'high',
      tags: ['shopping'],
      dueAt: '2026-05-02T15:00:00.000Z',
      reminders: ['PT0S'],
      recurrence: null,
      version: 1,
      completedAt: null,
    });
    const events = (await kit.published()).filter((event) => event.subject === created.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'dev.todo.task.created.v1', userid: 'alice', partitionkey: created.body.id, source: '/functions/task' });
  });

  it('keeps an explicit empty reminder list, and none without a due time', async () => {
    const none = await kit.call('alice', 'POST', '/tasks', { ...milk, reminders: [] });
    expect(none.body.reminders).toEqual([]);
    const undated = await kit.call('alice', 'POST', '/tasks', { title: 'Someday' });
    expect(undated.body).toMatchObject({ dueAt: null, reminders: [] });
  });

  it('carries the caller trace into the event', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const created = await kit.call('alice', 'POST', '/tasks', milk, { traceparent });
    const event = (await kit.published()).find((e) => e.subject === created.body.id)!;
    expect(event.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
  });

  it.each([
    ['malformed JSON', '{"title":', 400, undefined],
    ['a wrong type', { title: 42 }, 422, 'title'],
    ['an unknown field', { title: 'x', colour: 'red' }, 422, 'colour'],
    ['an impossible date', { title: 'x', dueAt: '2026-02-30T10:00:00Z' }, 422, 'dueAt'],
    ['a date without offset', { title: 'x', dueAt: '2026-05-01T10:00:00' }, 422, 'dueAt'],
    ['an invalid RRULE', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'FREQ=OFTEN', timezone: 'UTC' } }, 422, 'recurrence.rrule'],
    ['an unknown time zone', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Moon/Base' } }, 422, 'recurrence.timezone'],
    ['recurrence without a due time', { title: 'x', recurrence: { rrule: 'FREQ=DAILY', timezone: 'UTC' } }, 422, 'dueAt'],
    ['reminders without a due time', { title: 'x', reminders: ['PT5M'] }, 422, 'reminders'],
    ['a blank title', { title: '   ' }, 422, 'title'],
    ['a bad priority', { title: 'x', priority: 'asap' }, 422, 'priority'],
    ['a bad reminder offset', { title: 'x', dueAt: '2026-05-01T10:00:00Z', reminders: ['15 minutes'] }, 422, 'reminders.0'],
    ['a NUL character', { title: 'nul\u0000here' }, 422, 'title'],
    ['a lone surrogate in a tag', '{"title":"x","tags":["ok","\\ud800"]}', 422, 'tags.1'],
    ['a series position a task cannot hold (found by Schemathesis: a 500)', { title: 'x', series: { id: '0196b0c0-0000-7000-8000-000000000000', index: 2 ** 53 - 1 } }, 422, 'series.index'],
  ])('answers %s with a problem naming the field', async (_case, body, status, field) => {
    const before = (await kit.call('alice', 'GET', '/tasks?limit=200')).body.items.length;
    const response = await kit.call('alice', 'POST', '/tasks', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await kit.call('alice', 'GET', '/tasks?limit=200')).body.items.length).toBe(before);
  });

  it('answers 415 for a non-JSON body and 413 for an oversize one', async () => {
    expect((await kit.call('alice', 'POST', '/tasks', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const huge = await kit.call('alice', 'POST', '/tasks', { title: 'x', description: 'a'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 401 without a valid token', async () => {
    expect((await kit.call(null, 'GET', '/tasks')).status).toBe(401);
    const forged = await kit.app.request('/tasks', { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl' } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('one task through its life', () => {
  it('reads, updates, completes and deletes, each change a new version and one event', async () => {
    const { body: task } = await kit.call('alice', 'POST', '/tasks', milk);
    expect((await kit.call('alice', 'GET', `/tasks/${task.id}`)).body).toEqual(task);

    const updated = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { title: 'Buy oat milk', tags: ['shopping', 'vegan'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Buy oat milk', tags: ['shopping', 'vegan'], version: 2 });

    const unchanged = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { title: 'Buy oat milk' });
    expect(unchanged.body.version).toBe(2);

    kit.clock.advance(60_000);
    const completed = await kit.call('alice', 'POST', `/tasks/${task.id}/complete`);
    expect(completed.body).toMatchObject({ status: 'completed', version: 3, completedAt: '2026-05-01T08:01:00.000Z' });
    const again = await kit.call('alice', 'POST', `/tasks/${task.id}/complete`);
    expect(again.body.version).toBe(3);

    const reopened = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { status: 'pending' });
    expect(reopened.body).toMatchObject({ status: 'pending', completedAt: null, version: 4 });

    expect((await kit.call('alice', 'DELETE', `/tasks/${task.id}`)).status).toBe(204);
    expect((await kit.call('alice', 'GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await kit.call('alice', 'DELETE', `/tasks/${task.id}`)).status).toBe(404);

    const types = (await kit.published()).filter((e) => e.subject === task.id).map((e) => e.type);
    expect(types).toEqual([
      'dev.todo.task.created.v1',
      'dev.todo.task.updated.v1',
      'dev.todo.task.completed.v1',
      'dev.todo.task.updated.v1',
      'dev.todo.task.deleted.v1',
    ]);
  });

  it('changes fields and completes in one PUT: two versions, TaskUpdated then TaskCompleted (found by Schemathesis: a 500)', async () => {
    const { body: task } = await kit.call('alice', 'POST', '/tasks', milk);
    const done = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { dueAt: null, status: 'completed' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dueAt: null, reminders: [], status: 'completed', version: 3 });
    expect(done.headers.get('etag')).toBe('"3"');
    expect((await kit.call('alice', 'GET', `/tasks/${task.id}`)).body).toEqual(done.body);
    const events = (await kit.published()).filter((e) => e.subject === task.id);
    expect(events.map((e) => [e.type, (e.data as { task: { version: number } }).task.version])).toEqual([
      ['dev.todo.task.created.v1', 1],
      ['dev.todo.task.updated.v1', 2],
      ['dev.todo.task.completed.v1', 3],
    ]);
  });

  it('clears reminders when the due time is removed and rejects clearing it under a recurrence', async () => {
    const { body: task } = await kit.call('alice', 'POST', '/tasks', { ...milk, reminders: ['PT15M'] });
    const cleared = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { dueAt: null });
    expect(cleared.body).toMatchObject({ dueAt: null, reminders: [] });
    const { body: daily } = await kit.call('alice', 'POST', '/tasks', { ...milk, recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' } });
    const refused = await kit.call('alice', 'PUT', `/tasks/${daily.id}`, { dueAt: null });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('dueAt');
    expect((await kit.call('alice', 'GET', `/tasks/${daily.id}`)).body.version).toBe(1);
  });

  it('refuses an empty change set and unknown fields', async () => {
    const { body: task } = await kit.call('alice', 'POST', '/tasks', milk);
    expect((await kit.call('alice', 'PUT', `/tasks/${task.id}`, {})).status).toBe(422);
    const unknown = await kit.call('alice', 'PUT', `/tasks/${task.id}`, { id: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('id');
  });
});

describe('two windows editing one task (ETag and If-Match)', () => {
  it('sends the version as a strong ETag on GET, PUT and complete', async () => {
    const id = (await kit.call('alice', 'POST', '/tasks', { title: 'Tagged' })).body.id;
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).headers.get('etag')).toBe('"1"');
    expect((await kit.call('alice', 'PUT', `/tasks/${id}`, { priority: 'low' })).headers.get('etag')).toBe('"2"');
    expect((await kit.call('alice', 'POST', `/tasks/${id}/complete`)).headers.get('etag')).toBe('"3"');
  });

  it('applies a change whose If-Match names the current version, and refuses a stale one with 412 and the current version', async () => {
    const id = (await kit.call('alice', 'POST', '/tasks', { title: 'Shared shopping list' })).body.id;
    const seen = (await kit.call('alice', 'GET', `/tasks/${id}`)).headers.get('etag')!;
    expect((await kit.call('alice', 'PUT', `/tasks/${id}`, { title: 'Renamed in window one' }, { 'if-match': seen })).status).toBe(200);

    const second = await kit.call('alice', 'PUT', `/tasks/${id}`, { title: 'Renamed in window two' }, { 'if-match': seen });
    expect(second.status).toBe(412);
    expect(second.headers.get('content-type')).toBe('application/problem+json');
    expect(second.headers.get('etag')).toBe('"2"');
    expect(second.body).toMatchObject({ status: 412, title: 'Precondition Failed', currentVersion: 2 });
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body).toMatchObject({ title: 'Renamed in window one', version: 2 });
  });

  it.each([
    ['complete', 'POST', '/complete'],
    ['delete', 'DELETE', ''],
  ])('refuses a stale %s with 412 and changes nothing', async (_what, method, suffix) => {
    const id = (await kit.call('alice', 'POST', '/tasks', { title: 'Water the plants' })).body.id;
    await kit.call('alice', 'PUT', `/tasks/${id}`, { priority: 'high' });
    const before = (await kit.published()).length;

    expect((await kit.call('alice', method, `/tasks/${id}${suffix}`, undefined, { 'if-match': '"1"' })).status).toBe(412);
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body).toMatchObject({ status: 'pending', version: 2 });
    expect((await kit.published()).length).toBe(before);
    expect((await kit.call('alice', method, `/tasks/${id}${suffix}`, undefined, { 'if-match': '"1", "2"' })).status).toBe(method === 'DELETE' ? 204 : 200);
  });

  it.each([
    ['*', 200],
    ['W/"1"', 412],
    ['"not-a-version"', 412],
    ['', 412],
  ])('If-Match: %s answers %s (a weak or foreign tag never matches)', async (ifMatch, status) => {
    const id = (await kit.call('alice', 'POST', '/tasks', { title: 'Call the bank' })).body.id;
    expect((await kit.call('alice', 'PUT', `/tasks/${id}`, { priority: 'low' }, { 'if-match': ifMatch })).status).toBe(status);
  });

  it("answers 404, not 412, for another user's task whatever If-Match says", async () => {
    const id = (await kit.call('alice', 'POST', '/tasks', { title: 'Private' })).body.id;
    expect((await kit.call('mallory', 'PUT', `/tasks/${id}`, { title: 'x' }, { 'if-match': '"7"' })).status).toBe(404);
  });
});

describe('another user', () => {
  it('cannot see, change, complete or delete the task: 404 exactly like a missing one', async () => {
    const { body: task } = await kit.call('alice', 'POST', '/tasks', milk);
    const missing = await kit.call('bob', 'GET', '/tasks/00000000-0000-7000-8000-000000000000');
    for (const [method, path, body] of [
      ['GET', `/tasks/${task.id}`],
      ['PUT', `/tasks/${task.id}`, { title: 'mine now' }],
      ['POST', `/tasks/${task.id}/complete`],
      ['DELETE', `/tasks/${task.id}`],
    ] as const) {
      const response = await kit.call('bob', method, path, body);
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(missing.body.detail);
    }
    expect((await kit.call('bob', 'GET', '/tasks')).body.items.find((t: { id: string }) => t.id === task.id)).toBeUndefined();
    expect((await kit.call('alice', 'GET', `/tasks/${task.id}`)).body).toEqual(task);
  });

  it('answers 404 for an id that is not a uuid', async () => {
    expect((await kit.call('alice', 'GET', '/tasks/not-a-uuid')).status).toBe(404);
  });
});
