import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInZone, instantOf, offsetMinutes, wallClockAt } from './zoned-time';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Africa/Casablanca'];

/** The wall clock as Intl's parts name it: the reading the module makes faster, taken the slow way. */
function partsAt(instant: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const parts = Object.fromEntries(format.formatToParts(instant).filter((part) => part.type !== 'literal').map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

describe('wallClockAt and offsetMinutes', () => {
  it('read the wall clock and the offset as Intl names them, in any zone and year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0500-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.constantFrom(...ZONES), (instant, zone) => {
        const { second, ...wall } = partsAt(instant, zone);
        expect(wallClockAt(instant, zone)).toEqual(wall);
        const asUtc = Date.UTC(wall.year!, wall.month! - 1, wall.day, wall.hour, wall.minute, second);
        expect(offsetMinutes(instant, zone)).toBe(Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000));
      }),
    );
  });

  it('reads an instant the same after many other readings', () => {
    const instant = new Date('2026-03-29T00:59:59Z');
    const before = wallClockAt(instant, 'Europe/Berlin');
    for (let hour = 0; hour < 1_000; hour++) wallClockAt(new Date(instant.getTime() + hour * 3_600_000), 'Asia/Tokyo');
    expect(wallClockAt(instant, 'Europe/Berlin')).toEqual(before);
    expect(offsetMinutes(instant, 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date(instant.getTime() + 1_000), 'Europe/Berlin')).toBe(120);
  });

  it('knows offsets that are not whole hours, and midnight as hour 0', () => {
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes(new Date('2026-01-01T12:00:00Z'), 'America/St_Johns')).toBe(-210);
    expect(wallClockAt(new Date('2026-05-01T22:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 5, day: 2, hour: 0, minute: 0 });
  });
});

describe('instantOf', () => {
  it('moves a time the spring change skips forward by the gap, and takes the earlier of a time that happens twice', () => {
    expect(formatInZone(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(formatInZone(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
  });
});
