import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Recurrence } from './recurrence';
import { durationMs, IsoDuration, Rfc3339, TimeZone } from './time';
import { OUT_OF_RANGE_TIMES } from '../testing/odd-times';

describe('Rfc3339', () => {
  it.each(['2026-05-01T09:00:00+02:00', '2026-05-01T07:00:00Z', '2028-02-29T00:00:00.123Z'])('accepts %s', (value) => {
    expect(Rfc3339.safeParse(value).success).toBe(true);
  });

  it.each(['2026-02-30T09:00:00Z', '2027-02-29T09:00:00Z', '2026-05-01T09:00:00', '2026-05-01', '2026-13-01T00:00:00Z', '2026-05-01T24:00:00Z'])(
    'rejects %s',
    (value) => {
      expect(Rfc3339.safeParse(value).success).toBe(false);
    },
  );
});

describe('Rfc3339 offsets and range', () => {
  it.each([
    ['the largest offsets', '2026-05-01T09:00:00+23:59'],
    ['the smallest offsets', '2026-05-01T09:00:00-23:59'],
    ['-00:00 (UTC, local offset unknown)', '2026-05-01T09:00:00-00:00'],
    ['lower-case t and z', '2026-05-01t09:00:00z'],
    ['the first instant', '0001-01-01T00:00:00Z'],
    ['the first instant written east of UTC', '0001-01-01T00:59:00+00:59'],
    ['the last instant', '9999-12-31T23:59:59.999999999Z'],
    ['the last instant written west of UTC', '9999-12-31T22:00:00-01:59'],
  ])('accepts %s', (_, value) => {
    expect(Rfc3339.safeParse(value).success).toBe(true);
  });

  it.each<readonly [string, string]>([
    ...OUT_OF_RANGE_TIMES,
    ['year 0000 written west of UTC', '0000-12-31T23:00:00-02:00'],
    ['a leap second', '2026-06-30T23:59:60Z'],
  ])('refuses %s', (_, value) => {
    const result = Rfc3339.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^must be an RFC 3339 date-time with an offset/);
  });

  it('accepts exactly the offsets and instants the JavaScript Date parser reads within years 0001-9999 UTC', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const time = fc.record({
      year: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 9998, max: 9999 }), fc.integer({ min: 0, max: 9999 })),
      month: fc.constantFrom(1, 6, 12),
      day: fc.constantFrom(1, 15, 30, 31),
      hour: fc.constantFrom(0, 12, 23),
      sign: fc.constantFrom('+', '-'),
      offsetHours: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 24, max: 99 })),
      offsetMinutes: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 60, max: 99 })),
    });
    fc.assert(
      fc.property(time, (t) => {
        const value = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:30:00${t.sign}${two(t.offsetHours)}:${two(t.offsetMinutes)}`;
        const ms = Date.parse(value);
        const realDay = t.day <= ({ 1: 31, 6: 30, 12: 31 } as Record<number, number>)[t.month]!;
        const expected = realDay && Number.isFinite(ms) && ms >= Date.parse('0001-01-01T00:00:00Z') && ms <= Date.parse('9999-12-31T23:59:59.999Z') && t.year >= 1;
        expect(Rfc3339.safeParse(value).success, value).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('IsoDuration', () => {
  it.each(['PT15M', 'P1D', 'PT1H30M', 'P1W', 'PT0S'])('accepts %s', (value) => {
    expect(IsoDuration.safeParse(value).success).toBe(true);
  });

  it.each(['15m', 'P', 'PT', 'P1M', 'P1Y', '-PT5M', 'PT5.5.5M', 'P1DT', `P${'9'.repeat(21)}D`])('rejects %s', (value) => {
    expect(IsoDuration.safeParse(value).success).toBe(false);
  });
});

describe('durationMs', () => {
  it.each([
    ['PT0S', 0],
    ['PT15M', 15 * 60_000],
    ['P1D', 86_400_000],
    ['P1W2DT3H4M5S', (9 * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000],
  ])('measures %s', (value, ms) => {
    expect(durationMs(value)).toBe(ms);
  });

  it('answers NaN for anything IsoDuration refuses', () => {
    expect(durationMs('P1Y')).toBeNaN();
    expect(durationMs('P1DT')).toBeNaN();
  });
});

describe('TimeZone and Recurrence', () => {
  it('accepts IANA zones and rejects made-up ones', () => {
    expect(TimeZone.safeParse('Europe/Berlin').success).toBe(true);
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false);
  });

  it('accepts real RRULEs and rejects garbage or unsupported parts', () => {
    expect(Recurrence.safeParse({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' }).success).toBe(true);
    expect(Recurrence.safeParse({ rrule: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', timezone: 'UTC' }).success).toBe(true);
    expect(Recurrence.safeParse({ rrule: 'FREQ=SOMETIMES', timezone: 'UTC' }).success).toBe(false);
    expect(Recurrence.safeParse({ rrule: 'FREQ=DAILY;DTSTART=20260101T000000Z', timezone: 'UTC' }).success).toBe(false);
    expect(Recurrence.safeParse({ rrule: 'FREQ=SECONDLY', timezone: 'UTC' }).success).toBe(false);
  });
});

describe('TimeZone as an API description gives it', () => {
  const described = z.globalRegistry.get(TimeZone) as { anyOf: [{ enum: string[] }, { pattern: string }] };
  const shape = new RegExp(described.anyOf[1].pattern, 'u');

  it('lists only zones the refinement accepts, each of the shape an alias has too', () => {
    const listed = described.anyOf[0].enum;
    expect(listed.length).toBeGreaterThan(400);
    expect(listed.filter((zone) => !TimeZone.safeParse(zone).success)).toEqual([]);
    expect(listed.filter((zone) => !shape.test(zone))).toEqual([]);
  });

  it('lets through by its shape the aliases the runtime knows but does not list', () => {
    for (const alias of ['Asia/Kolkata', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires', 'US/Pacific', 'Etc/GMT+5']) {
      expect(TimeZone.safeParse(alias).success, alias).toBe(true);
      expect(shape.test(alias), alias).toBe(true);
    }
    expect(shape.test('Berlin')).toBe(false);
  });
});
