import { describe, expect, it } from 'vitest';
import { Recurrence } from './recurrence';
import { durationMs, IsoDuration, Rfc3339, TimeZone } from './time';

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
