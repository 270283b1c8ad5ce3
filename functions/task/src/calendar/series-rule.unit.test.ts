import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesRule } from './series-rule';

const utcOf = (until: string) => Date.parse(until.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
const formats = new Map<string, Intl.DateTimeFormat>();
function localDate(zone: string, epochMs: number): string {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return formats.get(zone)!.format(epochMs).replaceAll('-', '');
}
const untilOf = (rule: string | null) => /UNTIL=([0-9TZ]+)/.exec(rule ?? '')?.[1] ?? '';

describe('seriesRule', () => {
  it('copies a rule in upper case, without the RRULE: prefix and a trailing separator', () => {
    expect(seriesRule({ rrule: 'rrule:freq=weekly;byday=mo,we;wkst=su;', timezone: 'Europe/Berlin' }, 1)).toBe('FREQ=WEEKLY;BYDAY=MO,WE;WKST=SU');
  });

  it('counts the tasks left in the series from this one on', () => {
    expect(seriesRule({ rrule: 'FREQ=DAILY;COUNT=5', timezone: 'UTC' }, 1)).toBe('FREQ=DAILY;COUNT=5');
    expect(seriesRule({ rrule: 'FREQ=DAILY;COUNT=5', timezone: 'UTC' }, 3)).toBe('FREQ=DAILY;COUNT=3');
  });

  it('repeats nothing for the last task of a counted series, nor for a series counted from completion', () => {
    expect(seriesRule({ rrule: 'FREQ=DAILY;COUNT=5', timezone: 'UTC' }, 5)).toBeNull();
    expect(seriesRule({ rrule: 'FREQ=DAILY', timezone: 'UTC', from: 'completion' }, 1)).toBeNull();
  });

  it('keeps a UTC UNTIL as it is', () => {
    expect(seriesRule({ rrule: 'FREQ=DAILY;UNTIL=20261231T235959Z', timezone: 'Asia/Tokyo' }, 1)).toBe('FREQ=DAILY;UNTIL=20261231T235959Z');
  });

  // The end of a date in the zone: its last second is still on that date there, the next is not.
  it.each([
    ['Europe/Berlin', '20261231'],
    ['America/Los_Angeles', '20260308'],
    ['Pacific/Kiritimati', '20260101'],
    ['America/Santiago', '20260905'], // the next day begins at 01:00: midnight is in the spring gap
    ['Asia/Kathmandu', '20260615'],
  ])('turns a date UNTIL into the last second of that day in %s (%s)', (zone, date) => {
    const until = utcOf(untilOf(seriesRule({ rrule: `FREQ=DAILY;UNTIL=${date}`, timezone: zone }, 1)));
    expect(localDate(zone, until)).toBe(date);
    expect(localDate(zone, until + 1000)).not.toBe(date);
  });

  it('ends every date in every zone at its last second there', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2099-12-30T00:00:00Z'), noInvalidDate: true }), (zone, day) => {
        const date = day.toISOString().slice(0, 10).replaceAll('-', '');
        const until = utcOf(untilOf(seriesRule({ rrule: `FREQ=DAILY;UNTIL=${date}`, timezone: zone }, 1)));
        expect(localDate(zone, until) <= date).toBe(true);
        for (let later = until + 1000; later < until + 30 * 3_600_000; later += 5 * 60_000) expect(localDate(zone, later) > date).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('never names a year past 9999', () => {
    expect(seriesRule({ rrule: 'FREQ=DAILY;UNTIL=99991231', timezone: 'America/New_York' }, 1)).toBe('FREQ=DAILY;UNTIL=99991231T235959Z');
  });
});
