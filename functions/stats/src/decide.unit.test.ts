import { describe, expect, it } from 'vitest';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { COUNTED_TYPES, isDay, MAX_DAYS, rangeOf, statsReport, tallyOf } from './decide';

const NOW = new Date('2026-05-10T23:59:59.999Z');
const at = (time: string, type = 'dev.todo.task.created.v1') => ({ type, time, userid: 'alice' }) as Parameters<typeof tallyOf>[0];

describe('what an event counts', () => {
  it('maps each counted type to its counter', () => {
    expect(COUNTED_TYPES.map((type) => tallyOf(at('2026-05-01T09:00:00Z', type))?.counter)).toEqual(['created', 'completed', 'deleted', 'remindersDelivered']);
  });

  it('counts on the UTC day of the event time, whatever its offset', () => {
    expect(tallyOf(at('2026-05-01T01:30:00+02:00'))).toEqual({ userId: 'alice', day: '2026-04-30', counter: 'created' });
    expect(tallyOf(at('2026-04-30T22:00:00.123456-02:00'))).toEqual({ userId: 'alice', day: '2026-05-01', counter: 'created' });
    expect(tallyOf(at('2026-05-01T23:59:59.999Z'))?.day).toBe('2026-05-01');
  });

  it('counts a real catalog event for its user', () => {
    const event = aTaskCreated(aTask(), eventContext({ userId: 'bob' }));
    expect(tallyOf(event)).toEqual({ userId: 'bob', day: '2026-05-01', counter: 'created' });
  });

  it('counts nothing for the types it does not count', () => {
    expect(tallyOf(at('2026-05-01T09:00:00Z', 'dev.todo.task.updated.v1'))).toBeNull();
    expect(tallyOf(at('2026-05-01T09:00:00Z', 'dev.todo.reminder.scheduled.v1'))).toBeNull();
  });
});

describe('a day', () => {
  it.each(['2026-05-01', '2024-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (day) => expect(isDay(day)).toBe(true));
  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '0000-01-01', '2026-5-1', '2026-05-01T00:00:00Z', '20260501', '', 'today'])('refuses %j', (day) =>
    expect(isDay(day)).toBe(false),
  );
});

describe('the range asked for', () => {
  it('defaults to the last 7 days, today (UTC) included', () => {
    expect(rangeOf({}, NOW)).toEqual({ ok: true, range: { from: '2026-05-04', to: '2026-05-10' } });
  });

  it('defaults from to six days before the to given, and to to today for a from given', () => {
    expect(rangeOf({ to: '2026-03-02' }, NOW)).toEqual({ ok: true, range: { from: '2026-02-24', to: '2026-03-02' } });
    expect(rangeOf({ from: '2026-05-01' }, NOW)).toEqual({ ok: true, range: { from: '2026-05-01', to: '2026-05-10' } });
    expect(rangeOf({ to: '0001-01-03' }, NOW)).toEqual({ ok: true, range: { from: '0001-01-01', to: '0001-01-03' } });
  });

  it('takes a single day, and up to 366 days', () => {
    expect(rangeOf({ from: '2026-05-01', to: '2026-05-01' }, NOW)).toEqual({ ok: true, range: { from: '2026-05-01', to: '2026-05-01' } });
    expect(rangeOf({ from: '2024-01-01', to: '2024-12-31' }, NOW)).toEqual({ ok: true, range: { from: '2024-01-01', to: '2024-12-31' } });
  });

  it('refuses from after to, and more than 366 days', () => {
    expect(rangeOf({ from: '2026-05-02', to: '2026-05-01' }, NOW)).toEqual({ ok: false, errors: [{ field: 'to', message: 'must not be before from' }] });
    expect(rangeOf({ from: '2025-01-01', to: '2026-01-02' }, NOW)).toEqual({ ok: false, errors: [{ field: 'from', message: expect.stringContaining(`${MAX_DAYS} days`) }] });
    expect(rangeOf({ from: '2025-05-09' }, NOW)).toMatchObject({ ok: false });
  });
});

describe('the report', () => {
  it('lists every day of the range in order, zeros where nothing was counted, and sums the totals', () => {
    const report = statsReport({ from: '2026-02-27', to: '2026-03-02' }, [
      { date: '2026-02-28', created: 3, completed: 1, deleted: 0, remindersDelivered: 2 },
      { date: '2026-03-02', created: 1, completed: 2, deleted: 1, remindersDelivered: 0 },
    ]);
    expect(report).toEqual({
      days: [
        { date: '2026-02-27', created: 0, completed: 0, deleted: 0, remindersDelivered: 0 },
        { date: '2026-02-28', created: 3, completed: 1, deleted: 0, remindersDelivered: 2 },
        { date: '2026-03-01', created: 0, completed: 0, deleted: 0, remindersDelivered: 0 },
        { date: '2026-03-02', created: 1, completed: 2, deleted: 1, remindersDelivered: 0 },
      ],
      totals: { created: 4, completed: 3, deleted: 1, remindersDelivered: 2 },
    });
  });

  it('counts the days of a year, a leap year too, up to the last day the system knows', () => {
    const report = statsReport({ from: '9999-01-01', to: '9999-12-31' }, []);
    expect(report.days).toHaveLength(365);
    expect(report.days.at(-1)!.date).toBe('9999-12-31');
    expect(statsReport({ from: '2024-01-01', to: '2024-12-31' }, []).days).toHaveLength(366);
  });

  it('ignores stored days outside the range', () => {
    const report = statsReport({ from: '2026-05-01', to: '2026-05-01' }, [{ date: '2026-04-30', created: 9, completed: 9, deleted: 9, remindersDelivered: 9 }]);
    expect(report.totals).toEqual({ created: 0, completed: 0, deleted: 0, remindersDelivered: 0 });
  });
});
