import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '#shared/events/catalog';
import { type AuditKit, anEvent, startAuditKit } from '../test/audit-test-kit';

let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit();
});
afterAll(() => kit.stop());

let users = 0;
const aUser = () => `history-user-${++users}`;

interface Item {
  sequence: number;
  eventId: string;
  type: string;
  taskId: string | null;
  time: string;
}

/** Given these events of one user, delivered in order (one minute apart, from 09:00). */
async function given(userId: string, events: { type: EventType; taskId: string }[]) {
  const delivered = [];
  for (const [i, { type, taskId }] of events.entries()) {
    const event = anEvent(type, userId, { taskId, time: new Date(Date.parse('2026-05-01T09:00:00Z') + i * 60_000).toISOString() });
    expect((await kit.deliver(event)).status).toBe(202);
    delivered.push(event);
  }
  return delivered;
}

const get = async (userId: string | null, path: string) => kit.call(userId, 'GET', path);
const sequences = (body: { items: Item[] }) => body.items.map((item) => item.sequence);

async function allPages(userId: string, path: string): Promise<Item[]> {
  const items: Item[] = [];
  let url: string | null = path;
  while (url) {
    const answer = await get(userId, url);
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    url = answer.body.nextCursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${answer.body.nextCursor}` : null;
  }
  return items;
}

const TASK_A = randomUUID();
const TASK_B = randomUUID();
const LIFE_OF_A: { type: EventType; taskId: string }[] = [
  { type: 'dev.todo.task.created.v1', taskId: TASK_A },
  { type: 'dev.todo.task.created.v1', taskId: TASK_B },
  { type: 'dev.todo.reminder.scheduled.v1', taskId: TASK_A },
  { type: 'dev.todo.task.updated.v1', taskId: TASK_A },
  { type: 'dev.todo.reminder.delivered.v1', taskId: TASK_A },
  { type: 'dev.todo.notification.sent.v1', taskId: TASK_A },
  { type: 'dev.todo.task.completed.v1', taskId: TASK_B },
  { type: 'dev.todo.task.completed.v1', taskId: TASK_A },
];

describe('GET /audit', () => {
  it('answers the caller\'s records newest first, with every field but the user', async () => {
    const alice = aUser();
    const [event] = await given(alice, [{ type: 'dev.todo.task.created.v1', taskId: TASK_A }]);
    await given(alice, [{ type: 'dev.todo.task.deleted.v1', taskId: TASK_A }]);
    const answer = await get(alice, '/audit');
    expect(answer.status).toBe(200);
    expect(sequences(answer.body)).toEqual([2, 1]);
    expect(answer.body.nextCursor).toBeNull();
    expect(answer.body.items[1]).toEqual({
      sequence: 1,
      eventId: event!.id,
      source: '/functions/task',
      type: 'dev.todo.task.created.v1',
      subject: TASK_A,
      taskId: TASK_A,
      time: '2026-05-01T09:00:00.000Z',
      receivedAt: '2026-05-01T08:00:00.000Z',
      traceparent: event!.traceparent,
      data: event!.data,
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('pages with a keyset cursor, without gaps or repeats, in both orders', async () => {
    const alice = aUser();
    await given(alice, LIFE_OF_A);
    const newestFirst = await allPages(alice, '/audit?limit=3');
    expect(newestFirst.map((item) => item.sequence)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const oldestFirst = await allPages(alice, '/audit?limit=3&order=asc');
    expect(oldestFirst.map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('tells what happened to one task, oldest first', async () => {
    const alice = aUser();
    await given(alice, LIFE_OF_A);
    const expected = ['dev.todo.task.created.v1', 'dev.todo.reminder.scheduled.v1', 'dev.todo.task.updated.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.notification.sent.v1', 'dev.todo.task.completed.v1'];
    const byQuery = await allPages(alice, `/audit?taskId=${TASK_A}&order=asc&limit=4`);
    expect(byQuery.map((item) => item.type)).toEqual(expected);
    expect(new Set(byQuery.map((item) => item.taskId))).toEqual(new Set([TASK_A]));
    const byPath = await allPages(alice, `/audit/tasks/${TASK_A}?limit=4`);
    expect(byPath).toEqual(byQuery);
  });

  it('filters by type (any of several) and by event time, from inclusive to exclusive', async () => {
    const alice = aUser();
    await given(alice, LIFE_OF_A);
    const completions = await get(alice, '/audit?type=dev.todo.task.completed.v1&type=dev.todo.task.created.v1');
    expect(sequences(completions.body)).toEqual([8, 7, 2, 1]);
    const window = await get(alice, '/audit?from=2026-05-01T11:02:00%2B02:00&to=2026-05-01T09:05:00Z');
    expect(sequences(window.body)).toEqual([5, 4, 3]);
    const both = await get(alice, `/audit?taskId=${TASK_B}&type=dev.todo.task.completed.v1&from=2026-05-01T09:00:00Z`);
    expect(sequences(both.body)).toEqual([7]);
  });

  it('never shows another user\'s records', async () => {
    const [alice, bob] = [aUser(), aUser()];
    await given(alice, LIFE_OF_A);
    await given(bob, [{ type: 'dev.todo.task.created.v1', taskId: TASK_A }]);
    const bobs = await get(bob, '/audit');
    expect(sequences(bobs.body)).toEqual([1]);
    expect(bobs.body.items[0].type).toBe('dev.todo.task.created.v1');
    expect((await get(bob, `/audit/tasks/${TASK_A}`)).body.items).toHaveLength(1);
    expect((await get(bob, '/audit/verify')).body).toEqual({ ok: true, records: 1 });
    const carol = aUser();
    expect((await get(carol, '/audit')).body).toEqual({ items: [], nextCursor: null });
    expect((await get(carol, '/audit/verify')).body).toEqual({ ok: true, records: 0 });
  });

  it('pages only the caller\'s own records, even with a cursor issued to another user', async () => {
    const [alice, bob] = [aUser(), aUser()];
    await given(alice, LIFE_OF_A);
    await given(bob, LIFE_OF_A.slice(0, 2));
    const aliceFirst = await get(alice, '/audit?limit=2');
    const bobSecond = await get(bob, `/audit?limit=2&cursor=${aliceFirst.body.nextCursor}`);
    expect(bobSecond.status).toBe(200);
    expect(sequences(bobSecond.body)).toEqual([2, 1]);
  });

  it('answers 401 without a valid token', async () => {
    expect((await get(null, '/audit')).status).toBe(401);
    expect((await get(null, '/audit/verify')).status).toBe(401);
    expect((await kit.app.request('/audit', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});

describe('bad parameters', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1e1', 'limit'],
    ['limit=0x10', 'limit'],
    ['limit=%201', 'limit'],
    ['limit=5.0', 'limit'],
    ['limit=', 'limit'],
    ['type=dev.todo.task.exploded.v1', 'type'],
    ['type=dev.todo.task.created.v1&type=nonsense', 'type'],
    ['from=yesterday', 'from'],
    ['to=2026-05-01T09:00:00', 'to'],
    ['from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', 'to'],
    ['from=2026-05-01T00:00:00Z&from=2026-05-02T00:00:00Z', 'from'],
    ['taskId=not-a-uuid', 'taskId'],
    ['order=sideways', 'order'],
    ['colour=blue', 'colour'],
  ])('GET /audit?%s answers 422 naming %s', async (query, field) => {
    const answer = await get(aUser(), `/audit?${query}`);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });

  it('says which limits it takes', async () => {
    const answer = await get(aUser(), '/audit?limit=500');
    expect(answer.body.errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 200' }]);
    expect((await get(aUser(), '/audit?limit=200')).status).toBe(200);
  });

  it('names the task id of the path, and refuses a second one in the query', async () => {
    const alice = aUser();
    const badPath = await get(alice, '/audit/tasks/not-a-uuid');
    expect(badPath.status).toBe(422);
    expect(badPath.body.errors).toEqual([{ field: 'taskId', message: expect.any(String) }]);
    const twice = await get(alice, `/audit/tasks/${TASK_A}?taskId=${TASK_B}`);
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ field: 'taskId', message: 'is not a known field' }]);
  });

  it('refuses parameters on /audit/verify', async () => {
    const answer = await get(aUser(), '/audit/verify?user=bob');
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ field: 'user', message: 'is not a known field' }]);
  });

  it.each([
    ['garbage', () => 'not-base64-json'],
    ['edited', (cursor: string) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), f: 'forged' })).toString('base64url')],
    ['a negative position', (cursor: string) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), s: -1 })).toString('base64url')],
  ])('answers 400 to a %s cursor', async (_name, tamper) => {
    const alice = aUser();
    await given(alice, LIFE_OF_A.slice(0, 3));
    const first = await get(alice, '/audit?limit=1');
    const answer = await get(alice, `/audit?limit=1&cursor=${tamper(first.body.nextCursor)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });

  it('answers 400 to a cursor issued for other filters or another order', async () => {
    const alice = aUser();
    await given(alice, LIFE_OF_A.slice(0, 3));
    const { nextCursor } = (await get(alice, '/audit?limit=1')).body;
    expect((await get(alice, `/audit?limit=1&order=asc&cursor=${nextCursor}`)).status).toBe(400);
    expect((await get(alice, `/audit?limit=1&type=dev.todo.task.created.v1&cursor=${nextCursor}`)).status).toBe(400);
    expect((await get(alice, `/audit?limit=2&cursor=${nextCursor}`)).status).toBe(200);
  });
});
