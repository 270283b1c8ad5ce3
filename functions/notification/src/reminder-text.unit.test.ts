import { describe, expect, it } from 'vitest';
import { humanDuration, reminderBody } from './reminder-text';

const facts = { reminderId: 'r-1', taskId: '0f8fad5b-d9cb-469f-a165-70867728950e', title: 'Pay rent', late: false };

describe('reminderBody', () => {
  it.each([
    ['at the due time', '2026-05-01T09:00:00Z', '2026-05-01T09:00:00.250Z', 'Due now (2026-05-01 09:00 UTC)'],
    ['15 minutes before', '2026-05-01T09:00:00Z', '2026-05-01T08:45:00Z', 'Due in 15 minutes (2026-05-01 09:00 UTC)'],
    ['a day and a half before', '2026-05-03T09:00:00Z', '2026-05-01T21:00:00Z', 'Due in 1 day 12 hours (2026-05-03 09:00 UTC)'],
    ['after the due time', '2026-05-01T09:00:00Z', '2026-05-01T11:05:00Z', 'Was due 2 hours 5 minutes ago (2026-05-01 09:00 UTC)'],
  ])('says when the task is due, %s', (_case, dueAt, deliveredAt, body) => {
    expect(reminderBody({ ...facts, remindAt: deliveredAt, dueAt, deliveredAt })).toBe(body);
  });

  it('says a late reminder is late, and gives its own time when the task has no due time', () => {
    expect(reminderBody({ ...facts, remindAt: '2026-05-01T07:00:00Z', dueAt: null, deliveredAt: '2026-05-01T08:00:00Z', late: true })).toBe(
      'Reminder set for 2026-05-01 07:00 UTC; this reminder is late',
    );
  });
});

describe('humanDuration', () => {
  it.each([
    [30_000, '1 minute'],
    [20_000, 'less than a minute'],
    [60 * 60_000, '1 hour'],
    [2 * 86_400_000 + 60_000, '2 days'],
    [86_400_000 + 3 * 3_600_000 + 60_000, '1 day 3 hours'],
  ])('%i ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
