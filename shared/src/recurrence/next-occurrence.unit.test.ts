import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../contracts/recurrence';
import { nextOccurrence } from './next-occurrence';

const BERLIN = 'Europe/Berlin';

/** Given a task due at `dueAt` under `rrule`, completed at `completedAt`: its next due time. */
function next(rrule: string, dueAt: string, completedAt = dueAt, options: { timezone?: string; from?: Recurrence['from']; index?: number } = {}) {
  const recurrence: Recurrence = { rrule, timezone: options.timezone ?? BERLIN, ...(options.from ? { from: options.from } : {}) };
  return nextOccurrence({ dueAt, completedAt, recurrence, index: options.index ?? 1 });
}

const dueOf = (result: ReturnType<typeof next>) => (result.kind === 'next' ? result.dueAt : result);

describe('the next occurrence from the schedule', () => {
  const WEEKDAYS = 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR';

  it('keeps weekdays at 09:00 Berlin across the March switch to summer time', () => {
    // Friday 27 March 09:00 CET → Monday 30 March 09:00 CEST
    expect(dueOf(next(WEEKDAYS, '2026-03-27T08:00:00Z', '2026-03-27T08:30:00Z'))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps weekdays at 09:00 Berlin across the October switch to winter time', () => {
    // Friday 23 October 09:00 CEST → Monday 26 October 09:00 CET
    expect(dueOf(next(WEEKDAYS, '2026-10-23T07:00:00Z', '2026-10-23T07:10:00Z'))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('keeps 09:00 New York across the November switch', () => {
    expect(dueOf(next('FREQ=WEEKLY', '2026-10-27T13:00:00Z', '2026-10-27T13:00:00Z', { timezone: 'America/New_York' }))).toBe('2026-11-03T14:00:00.000Z');
  });

  it('lands only on 31sts for the 31st of the month, skipping shorter months', () => {
    expect(dueOf(next('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31T08:00:00Z'))).toBe('2026-03-31T07:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY;BYMONTHDAY=31', '2026-03-31T07:00:00Z'))).toBe('2026-05-31T07:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY', '2026-08-31T07:00:00Z'))).toBe('2026-10-31T08:00:00.000Z');
  });

  it('takes the last day of the month for BYMONTHDAY=-1, Feb 29 in a leap year', () => {
    expect(dueOf(next('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31T08:00:00Z'))).toBe('2026-02-28T08:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31T08:00:00Z'))).toBe('2028-02-29T08:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-02-29T08:00:00Z'))).toBe('2028-03-31T07:00:00.000Z');
  });

  it('takes the last Friday of the month for BYDAY=-1FR', () => {
    expect(dueOf(next('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30T08:00:00Z'))).toBe('2026-02-27T08:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY;BYDAY=-1FR', '2026-07-31T07:00:00Z'))).toBe('2026-08-28T07:00:00.000Z');
  });

  it('repeats Feb 29 only in leap years', () => {
    expect(dueOf(next('FREQ=YEARLY', '2024-02-29T08:00:00Z'))).toBe('2028-02-29T08:00:00.000Z');
  });

  it('keeps the phase of every other Monday', () => {
    expect(dueOf(next('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-05-04T07:00:00Z'))).toBe('2026-05-18T07:00:00.000Z');
    // completed on Thursday 21 May, after the 18th slot was due: the next is 1 June, not 25 May
    expect(dueOf(next('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-05-18T07:00:00Z', '2026-05-21T12:00:00Z'))).toBe('2026-06-01T07:00:00.000Z');
  });

  it('stops after COUNT tasks, counting from the start of the series', () => {
    expect(next('FREQ=DAILY;COUNT=2', '2026-05-04T07:00:00Z', '2026-05-04T07:00:00Z', { index: 1 })).toEqual({ kind: 'next', dueAt: '2026-05-05T07:00:00.000Z', index: 2 });
    expect(next('FREQ=DAILY;COUNT=2', '2026-05-05T07:00:00Z', '2026-05-05T07:00:00Z', { index: 2 })).toEqual({ kind: 'ended', reason: 'count' });
  });

  it('stops at UNTIL', () => {
    expect(dueOf(next('FREQ=DAILY;UNTIL=20260505T235959Z', '2026-05-04T07:00:00Z'))).toBe('2026-05-05T07:00:00.000Z');
    expect(next('FREQ=DAILY;UNTIL=20260505T235959Z', '2026-05-05T07:00:00Z')).toEqual({ kind: 'ended', reason: 'until' });
  });

  it('reads a date-only UNTIL as the end of that day in the recurrence zone', () => {
    // 23:30 Berlin on 10 May is still inside; 00:30 Berlin on 11 May (22:30 UTC on the 10th) is not
    expect(dueOf(next('FREQ=DAILY;UNTIL=20260510', '2026-05-09T21:30:00Z'))).toBe('2026-05-10T21:30:00.000Z');
    expect(next('FREQ=DAILY;UNTIL=20260510', '2026-05-09T22:30:00Z')).toEqual({ kind: 'ended', reason: 'until' });
    // 23:00 Sydney on 10 May is 13:00 UTC: inside
    expect(dueOf(next('FREQ=DAILY;UNTIL=20260510', '2026-05-09T13:00:00Z', undefined, { timezone: 'Australia/Sydney' }))).toBe('2026-05-10T13:00:00.000Z');
  });

  it('skips slots already past at completion, and never repeats the slot of an early completion', () => {
    const DAILY = 'FREQ=DAILY';
    expect(dueOf(next(DAILY, '2026-05-01T07:00:00Z', '2026-05-04T10:00:00Z'))).toBe('2026-05-05T07:00:00.000Z');
    expect(dueOf(next(DAILY, '2026-05-01T07:00:00Z', '2026-05-04T06:00:00Z'))).toBe('2026-05-04T07:00:00.000Z');
    expect(dueOf(next(DAILY, '2026-05-01T07:00:00Z', '2026-04-28T10:00:00Z'))).toBe('2026-05-02T07:00:00.000Z');
  });

  it('omits a day whose wall-clock time falls into the DST gap (RFC 5545)', () => {
    // 02:30 does not exist in Berlin on 29 March 2026
    expect(dueOf(next('FREQ=DAILY', '2026-03-28T01:30:00Z'))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('ends the series when the rule names no further date', () => {
    // every 7 days, but only on Mondays, starting on a Tuesday
    expect(next('FREQ=DAILY;INTERVAL=7;BYDAY=MO', '2026-05-05T07:00:00Z')).toEqual({ kind: 'ended', reason: 'never' });
    // every 12 months from February, on the 30th
    expect(next('FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30', '2026-02-24T08:00:00Z')).toEqual({ kind: 'ended', reason: 'never' });
  });

  it('stops searching after about a century, so a rule that never matches costs little', () => {
    // refused by the contract today; a task stored before that could still carry it (unbounded, the search took 12 s)
    const started = performance.now();
    expect(next('FREQ=YEARLY;BYDAY=MO;BYSETPOS=54', '2026-02-24T08:00:00Z')).toEqual({ kind: 'ended', reason: 'never' });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('still finds a Feb 29 eight years on, across 2100', () => {
    expect(dueOf(next('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2096-02-29T08:00:00Z'))).toBe('2104-02-29T08:00:00.000Z');
    expect(dueOf(next('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', '2096-02-29T08:00:00Z'))).toBe('2104-02-29T08:00:00.000Z');
  });

  it('ends the series when the next date is more than a century away, or after year 9999', () => {
    expect(next('FREQ=YEARLY;INTERVAL=1000', '2026-05-04T07:00:00Z')).toEqual({ kind: 'ended', reason: 'never' });
    expect(next('FREQ=YEARLY;INTERVAL=10', '9995-05-04T07:00:00Z')).toEqual({ kind: 'ended', reason: 'never' });
  });

  it('computes a due time centuries ahead as it would today, 400 years (one calendar cycle) apart', () => {
    expect(dueOf(next('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', '8026-03-27T08:00:00Z', '8026-03-27T10:00:00Z'))).toBe('8026-03-30T07:00:00.000Z');
    expect(dueOf(next('FREQ=MONTHLY;BYDAY=-1FR;UNTIL=99991231', '9999-11-26T08:00:00Z'))).toBe('9999-12-31T08:00:00.000Z');
  });

  it('accepts the RRULE: prefix', () => {
    expect(dueOf(next('RRULE:FREQ=DAILY', '2026-05-04T07:00:00Z'))).toBe('2026-05-05T07:00:00.000Z');
  });
});

describe('the next occurrence from completion', () => {
  const fromCompletion = { from: 'completion' as const };

  it('counts INTERVAL from the day of completion, at the due time of day', () => {
    expect(dueOf(next('FREQ=DAILY;INTERVAL=3', '2026-05-01T07:00:00Z', '2026-05-04T13:00:00Z', fromCompletion))).toBe('2026-05-07T07:00:00.000Z');
    expect(dueOf(next('FREQ=DAILY;INTERVAL=3', '2026-05-01T07:00:00Z', '2026-05-04T05:00:00Z', fromCompletion))).toBe('2026-05-07T07:00:00.000Z');
  });

  it('moves a weekly task to the weekday it was completed on', () => {
    // due Monday 4 May, completed Wednesday 6 May → Wednesday 13 May 09:00
    expect(dueOf(next('FREQ=WEEKLY', '2026-05-04T07:00:00Z', '2026-05-06T16:00:00Z', fromCompletion))).toBe('2026-05-13T07:00:00.000Z');
  });

  it('uses the day of completion in the recurrence time zone, not in UTC', () => {
    // completed at 01:00 Berlin on 5 May (23:00 UTC on the 4th) → 6 May 09:00
    expect(dueOf(next('FREQ=DAILY', '2026-05-01T07:00:00Z', '2026-05-04T23:00:00Z', fromCompletion))).toBe('2026-05-06T07:00:00.000Z');
  });

  it('keeps the wall-clock time when the completion day has a DST gap at that time', () => {
    expect(dueOf(next('FREQ=DAILY', '2026-03-28T01:30:00Z', '2026-03-29T10:00:00Z', fromCompletion))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('counts hours from the completion instant', () => {
    expect(dueOf(next('FREQ=HOURLY;INTERVAL=2', '2026-05-04T07:00:00Z', '2026-05-04T09:17:00Z', fromCompletion))).toBe('2026-05-04T11:17:00.000Z');
  });

  it('still honours COUNT and UNTIL', () => {
    expect(next('FREQ=DAILY;COUNT=3', '2026-05-04T07:00:00Z', '2026-05-09T07:00:00Z', { ...fromCompletion, index: 3 })).toEqual({ kind: 'ended', reason: 'count' });
    expect(next('FREQ=DAILY;UNTIL=20260510T000000Z', '2026-05-04T07:00:00Z', '2026-05-09T12:00:00Z', fromCompletion)).toEqual({ kind: 'ended', reason: 'until' });
  });
});

describe('the work one search costs', () => {
  // Each took 0.4-4 s before the search was bounded (the first use of a zone far ahead, or stepping
  // an HOURLY INTERVAL day by day through a millennium); measured at 1-60 ms since.
  it.each([
    ['an HOURLY rule with a huge INTERVAL that rarely matches', 'FREQ=HOURLY;INTERVAL=999;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', '2026-05-05T09:00:00Z', 'Europe/Rome'],
    ['a due time in year 9990, after one in 2026 in the same zone', 'FREQ=DAILY', '9990-05-04T07:00:00Z', 'Europe/Madrid'],
    ['a far UNTIL with a huge INTERVAL in year 9000', 'FREQ=YEARLY;INTERVAL=1000;UNTIL=99991231', '9000-05-04T07:00:00Z', 'America/Denver'],
    ['every minute of every day of a year, the last of them', `FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=${Array.from({ length: 24 }, (_, h) => h)};BYMINUTE=${Array.from({ length: 60 }, (_, m) => m)};BYSETPOS=-1`, '9990-05-04T07:00:00Z', 'Pacific/Chatham'],
  ])('stays within milliseconds for %s', (_, rrule, dueAt, timezone) => {
    next('FREQ=DAILY', '2026-05-04T07:00:00Z', undefined, { timezone });
    const started = performance.now();

    next(rrule, dueAt, undefined, { timezone });

    expect(performance.now() - started).toBeLessThan(400);
  });
});

describe('defects an independent engine (python-dateutil) found', () => {
  /** The local wall-clock times of the next `n` tasks, each completed on time. */
  function walk(rrule: string, dueAt: string, timezone: string, n: number): string[] {
    const format = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, dateStyle: 'short', timeStyle: 'short' });
    const times: string[] = [];
    for (let index = 1, due = dueAt; times.length < n; index++) {
      const result = next(rrule, due, due, { timezone, index });
      if (result.kind === 'ended') break;
      due = result.dueAt;
      times.push(format.format(new Date(due)));
    }
    return times;
  }

  it('finds the 53rd Thursday only in years that have one (FREQ=YEARLY;BYDAY=53TH), never the next January', () => {
    expect(walk('FREQ=YEARLY;BYDAY=53TH', '2027-04-09T08:00:00Z', 'UTC', 2)).toEqual(['2032-12-30 08:00', '2037-12-31 08:00']);
    expect(walk('FREQ=YEARLY;BYDAY=-53MO', '2027-04-09T08:00:00Z', 'UTC', 1)).toEqual(['2029-01-01 08:00']);
  });

  it('keeps INTERVAL across such years: every other year from 2027 has its 53rd Thursday in an odd year', () => {
    const years = walk('FREQ=YEARLY;INTERVAL=2;BYDAY=53TH', '2027-04-09T08:00:00Z', 'UTC', 3).map((time) => Number(time.slice(0, 4)));
    expect(years.every((year) => year % 2 === 1)).toBe(true);
  });

  it('counts HOURLY on the wall clock across the spring change: 03:00, 06:00 in New York, not 04:00, 07:00', () => {
    expect(walk('FREQ=HOURLY;INTERVAL=3', '2026-03-08T05:00:00Z', 'America/New_York', 3)).toEqual(['2026-03-08 03:00', '2026-03-08 06:00', '2026-03-08 09:00']);
    expect(walk('FREQ=HOURLY', '2026-03-08T05:00:00Z', 'America/New_York', 3)).toEqual(['2026-03-08 01:00', '2026-03-08 03:00', '2026-03-08 04:00']);
  });

  it('keeps HOURLY on the full hour across a half-hour change (Lord Howe)', () => {
    const times = walk('FREQ=HOURLY;INTERVAL=3', '2026-04-04T13:00:00Z', 'Australia/Lord_Howe', 4);
    expect(times.map((time) => time.slice(-2))).toEqual(['00', '00', '00', '00']);
  });

  it('ignores an HOURLY time the spring gap skips, as RFC 5545 asks, and keeps the hours after it', () => {
    expect(walk('FREQ=HOURLY;INTERVAL=2', '2030-10-05T12:00:00Z', 'Australia/Sydney', 3)).toEqual(['2030-10-06 00:00', '2030-10-06 04:00', '2030-10-06 06:00']);
  });

  it('accepts a trailing ";" and BYSECOND=0, and reads a lowercase "z" in UNTIL as UTC', () => {
    expect(walk('FREQ=DAILY;', '2026-05-04T07:00:00Z', BERLIN, 1)).toEqual(['2026-05-05 09:00']);
    expect(walk('FREQ=DAILY;BYSECOND=0', '2026-05-04T07:00:00Z', BERLIN, 1)).toEqual(['2026-05-05 09:00']);
    expect(walk('FREQ=DAILY;UNTIL=20260510T210000z', '2026-05-08T07:00:00Z', BERLIN, 5)).toEqual(['2026-05-09 09:00', '2026-05-10 09:00']);
  });
});
