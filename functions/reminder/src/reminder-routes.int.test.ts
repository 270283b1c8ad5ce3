import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { aTask, startReminderKit, type ReminderKit } from '../test/reminder-test-kit';

// The kit's clock stands at 2026-05-01T08:00Z.
let kit: ReminderKit;
let alicesTask: Task;
let alicesOther: Task;
beforeAll(async () => {
  kit = await startReminderKit();
  alicesTask = aTask({ id: randomUUID(), dueAt: '2026-05-03T09:00:00.000Z', reminders: ['PT15M', 'PT0S'] });
  alicesOther = aTask({ id: randomUUID(), dueAt: '2026-05-05T09:00:00.000Z', reminders: ['PT0S'] });
  await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', alicesTask));
  await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', alicesOther));
});
afterAll(() => kit.stop());

describe('GET /reminders', () => {
  it("lists the user's reminders, earliest first", async () => {
    const response = await kit.call('alice', 'GET', '/reminders');

    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { id: expect.any(String), taskId: alicesTask.id, remindAt: '2026-05-03T08:45:00.000Z', status: 'scheduled' },
      { id: expect.any(String), taskId: alicesTask.id, remindAt: '2026-05-03T09:00:00.000Z', status: 'scheduled' },
      { id: expect.any(String), taskId: alicesOther.id, remindAt: '2026-05-05T09:00:00.000Z', status: 'scheduled' },
    ]);
  });

  it('filters by task and by status', async () => {
    const byTask = await kit.call('alice', 'GET', `/reminders?taskId=${alicesOther.id}`);
    expect(byTask.body.items.map((r: { taskId: string }) => r.taskId)).toEqual([alicesOther.id]);

    const task = aTask({ id: randomUUID(), dueAt: '2026-05-06T09:00:00.000Z', reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    await kit.deliver(kit.taskEvent('dev.todo.task.deleted.v1', 'alice', { ...task, version: 2 }));

    const cancelled = await kit.call('alice', 'GET', '/reminders?status=cancelled');
    expect(cancelled.body.items).toEqual([expect.objectContaining({ taskId: task.id, status: 'cancelled' })]);
    const both = await kit.call('alice', 'GET', `/reminders?status=scheduled&taskId=${task.id}`);
    expect(both.body.items).toEqual([]);
  });

  it("shows bob nothing of alice's", async () => {
    expect((await kit.call('bob', 'GET', '/reminders')).body).toEqual({ items: [], nextCursor: null });
    expect((await kit.call('bob', 'GET', `/reminders?taskId=${alicesTask.id}`)).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with limit and nextCursor, earliest first, with the filters kept', async () => {
    const task = aTask({ id: randomUUID(), dueAt: '2026-05-10T09:00:00.000Z', reminders: ['PT3H', 'PT2H', 'PT1H', 'PT30M', 'PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'carol', task));

    const first = await kit.call('carol', 'GET', '/reminders?limit=2');
    expect(first.body.items.map((r: { remindAt: string }) => r.remindAt)).toEqual(['2026-05-10T06:00:00.000Z', '2026-05-10T07:00:00.000Z']);
    const second = await kit.call('carol', 'GET', `/reminders?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { remindAt: string }) => r.remindAt)).toEqual(['2026-05-10T08:00:00.000Z', '2026-05-10T08:30:00.000Z']);
    const last = await kit.call('carol', 'GET', `/reminders?limit=2&cursor=${second.body.nextCursor}&taskId=${task.id}`);
    expect(last.body).toEqual({ items: [expect.objectContaining({ remindAt: '2026-05-10T09:00:00.000Z' })], nextCursor: null });
  });

  it('refuses a cursor it did not issue with 400, and says which limits it takes', async () => {
    const foreign = await kit.call('alice', 'GET', '/reminders?cursor=not-ours');
    expect([foreign.status, foreign.body.errors]).toEqual([400, [{ field: 'cursor', message: 'is not one this server issued' }]]);
    for (const limit of ['501', 'ten', '1e1', '5.0', '']) {
      const answer = await kit.call('alice', 'GET', `/reminders?limit=${limit}`);
      expect([answer.status, answer.body.errors]).toEqual([422, [{ field: 'limit', message: 'must be a whole number from 1 to 500' }]]);
    }
    expect((await kit.call('alice', 'GET', '/reminders?limit=500')).status).toBe(200);
  });

  it.each([
    ['status=sent', 'status'],
    ['taskId=42', 'taskId'],
    ['status=scheduled&status=cancelled', 'status'],
    ['limit=0', 'limit'],
    ['colour=red', 'colour'],
  ])('answers ?%s with 422 naming the parameter', async (query, field) => {
    const response = await kit.call('alice', 'GET', `/reminders?${query}`);

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 401 without a token', async () => {
    expect((await kit.call(null, 'GET', '/reminders')).status).toBe(401);
    expect((await kit.call(null, 'POST', '/reminders/schedule', { taskId: alicesTask.id, before: 'PT1H' })).status).toBe(401);
  });
});

describe('POST /reminders/schedule', () => {
  it('schedules an extra reminder at an absolute time, in UTC, and announces it', async () => {
    const response = await kit.call('alice', 'POST', '/reminders/schedule', { taskId: alicesTask.id, remindAt: '2026-05-02T20:00:00+02:00' });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), taskId: alicesTask.id, remindAt: '2026-05-02T18:00:00.000Z', status: 'scheduled' });
    const announced = await kit.publishedOf('dev.todo.reminder.scheduled.v1', alicesTask.id);
    expect(announced.at(-1)).toMatchObject({ userid: 'alice', data: { reminderId: response.body.id, remindAt: '2026-05-02T18:00:00.000Z', title: alicesTask.title } });
  });

  it('schedules relative to the due time, and the reminder moves with it', async () => {
    const response = await kit.call('alice', 'POST', '/reminders/schedule', { taskId: alicesOther.id, before: 'PT2H' });
    expect(response.body).toMatchObject({ remindAt: '2026-05-05T07:00:00.000Z', status: 'scheduled' });

    await kit.deliver(kit.taskEvent('dev.todo.task.updated.v1', 'alice', { ...alicesOther, dueAt: '2026-05-06T09:00:00.000Z', version: 2 }));

    const items = (await kit.call('alice', 'GET', `/reminders?taskId=${alicesOther.id}`)).body.items;
    expect(items).toContainEqual({ ...response.body, remindAt: '2026-05-06T07:00:00.000Z' });
  });

  it("answers 404 for another user's task and for an unknown one", async () => {
    for (const taskId of [alicesTask.id, randomUUID()]) {
      const response = await kit.call('bob', 'POST', '/reminders/schedule', { taskId, before: 'PT1H' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await kit.rows(alicesTask.id)).filter((r) => r.origin === 'extra')).toHaveLength(1);
  });

  it.each([
    ['both remindAt and before', { remindAt: '2026-05-02T12:00:00Z', before: 'PT1H' }, 'before'],
    ['neither', {}, 'remindAt'],
    ['a bad duration', { before: '15 minutes' }, 'before'],
    ['a time without offset', { remindAt: '2026-05-02T12:00:00' }, 'remindAt'],
    ['a time in the past', { remindAt: '2026-05-01T07:00:00Z' }, 'remindAt'],
    ['an unknown field', { before: 'PT1H', colour: 'red' }, 'colour'],
  ])('answers %s with 422 naming the field', async (_case, body, field) => {
    const response = await kit.call('alice', 'POST', '/reminders/schedule', { taskId: alicesTask.id, ...body });

    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 422 for a relative reminder on a task without a due time', async () => {
    const undated = aTask({ id: randomUUID() });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', undated));

    const response = await kit.call('alice', 'POST', '/reminders/schedule', { taskId: undated.id, before: 'PT1H' });

    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'before' })]);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    expect((await kit.call('alice', 'POST', '/reminders/schedule', '{"taskId":')).status).toBe(400);
    expect((await kit.call('alice', 'POST', '/reminders/schedule', 'taskId=x', { 'content-type': 'text/plain' })).status).toBe(415);
  });
});
