import { describe, expect, it } from 'vitest';
import { repeatWords } from './repeat-words';

describe('repeatWords', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=SU', 'Europe/Berlin', 'every week on Sunday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'Europe/Berlin', 'every 2 weeks on Tuesday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Europe/Berlin', 'every weekday'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Europe/Berlin', 'every month on the last Friday'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Europe/Berlin', 'every month on the last day'],
    ['FREQ=HOURLY;INTERVAL=8', 'Europe/Berlin', 'every 8 hours'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', 'Europe/Berlin', 'every month on the 1st and 15th'],
    ['FREQ=DAILY;BYHOUR=9,17', 'Europe/Berlin', 'every day at 9 AM and 5 PM'],
    ['FREQ=DAILY;COUNT=1', 'UTC', 'every day (1 time)'],
    ['FREQ=DAILY;COUNT=10', 'Europe/Berlin', 'every day (10 times)'],
    ['FREQ=MONTHLY;INTERVAL=3;UNTIL=20260630T215959Z', 'Europe/Berlin', 'every 3 months until June 30, 2026'],
    // The last second of June 30 in Los Angeles is already July 1 in UTC.
    ['FREQ=WEEKLY;BYDAY=FR;UNTIL=20260701T065959Z', 'America/Los_Angeles', 'every week on Friday until June 30, 2026'],
  ])('reads %s in %s as %j', (rrule, timezone, words) => {
    expect(repeatWords({ rrule, timezone })).toBe(words);
  });

  it('falls back to "repeats" for a rule it cannot read', () => {
    expect(repeatWords({ rrule: 'FREQ=SOMETIMES', timezone: 'UTC' })).toBe('repeats');
  });
});
