import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTask, startReminderKit, type ReminderKit } from '../test/reminder-test-kit';

// Small requests that once answered 500: each must be a 4xx naming what is wrong.
let kit: ReminderKit;
const taskId = randomUUID();
beforeAll(async () => {
  kit = await startReminderKit();
  await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'mallory', aTask({ id: taskId, dueAt: '2026-05-03T09:00:00.000Z', reminders: ['PT0S'] })));
});
afterAll(() => kit.stop());

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a time out of range', () => {
  it.each([
    ['an offset of 24 hours', '2026-05-02T09:00:00+24:00'],
    ['an offset of 60 minutes', '2026-05-02T09:00:00+00:60'],
    ['an offset of 99:99', '2026-05-02T09:00:00+99:99'],
    ['year 0000 once the offset is applied', '0001-01-01T00:00:00+01:00'],
    ['year 10000 once the offset is applied', '9999-12-31T23:59:59-01:00'],
  ])('in remindAt (%s) answers 422 naming remindAt', async (_, remindAt) => {
    const response = await kit.call('mallory', 'POST', '/reminders/schedule', { taskId, remindAt });

    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'remindAt', message: expect.stringMatching(/^must be an RFC 3339 date-time with an offset/) }]);
  });

  it('accepts the largest offset as the same instant in UTC', async () => {
    const response = await kit.call('mallory', 'POST', '/reminders/schedule', { taskId, remindAt: '2026-05-03T08:00:00+23:00' });

    expect([response.status, response.body.remindAt]).toEqual([201, '2026-05-02T09:00:00.000Z']);
  });

  it('in a cursor it did not issue (year 0000) answers 400 naming cursor', async () => {
    const response = await kit.call('mallory', 'GET', `/reminders?cursor=${cursorOf({ r: '0000-06-01T00:00:00Z', i: randomUUID() })}`);

    expect([response.status, response.body.errors]).toEqual([400, [{ field: 'cursor', message: 'is not one this server issued' }]]);
  });

  it.each([
    ['year 0000 once the offset is applied', '0001-01-01T00:00:00+01:00'],
    ['year 10000 once the offset is applied', '9999-12-31T23:59:59-01:00'],
    ['an offset of 24 hours', '2026-05-02T09:00:00+24:00'],
    ['an impossible date', '2026-02-30T09:00:00Z'],
  ])('still refuses a cursor with %s with 400', async (_, r) => {
    const response = await kit.call('mallory', 'GET', `/reminders?cursor=${cursorOf({ r, i: randomUUID() })}`);

    expect([response.status, response.body.errors]).toEqual([400, [{ field: 'cursor', message: 'is not one this server issued' }]]);
  });

  it('still follows a cursor it issued', async () => {
    const first = await kit.call('mallory', 'GET', '/reminders?limit=1');
    const next = await kit.call('mallory', 'GET', `/reminders?limit=1&cursor=${first.body.nextCursor}`);

    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
  });
});
