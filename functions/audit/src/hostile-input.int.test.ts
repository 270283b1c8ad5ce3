import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditKit, anEvent, startAuditKit, TASK_ID } from '../test/audit-test-kit';
import { OUT_OF_RANGE_TIMES } from '#shared/testing/odd-times';

// Query parameters that once answered 500: each must be a 422 naming the parameter.
let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit();
  expect((await kit.deliver(anEvent('dev.todo.task.created.v1', 'mallory', { taskId: TASK_ID, time: '2026-05-01T09:00:00.000Z' }))).status).toBe(202);
});
afterAll(() => kit.stop());



describe('a time out of range', () => {
  it.each(OUT_OF_RANGE_TIMES.flatMap(([what, time]) => ['/audit', `/audit/tasks/${TASK_ID}`].flatMap((path) => [[path, 'from', what, time], [path, 'to', what, time]])))(
    'GET %s with %s (%s) answers 422 naming it',
    async (path, field, _, time) => {
      const response = await kit.call('mallory', 'GET', `${path}?${field}=${encodeURIComponent(time!)}`);

      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ field, message: expect.stringMatching(/^must be an RFC 3339 date-time with an offset/) }]);
    },
  );

  it.each([
    ['the largest offset', 'from=2026-05-02T08:59:00%2B23:59', 1],
    ['an unknown local offset (-00:00, UTC)', 'from=2026-05-01T09:00:00-00:00', 1],
    ['the whole range', 'from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999999999Z', 1],
    ['the last instant as the start', 'from=9999-12-31T23:59:59.999999999Z', 0],
  ])('accepts %s', async (_, query, found) => {
    const response = await kit.call('mallory', 'GET', `/audit?${query}`);

    expect([response.status, response.body.items?.length]).toEqual([200, found]);
  });
});
