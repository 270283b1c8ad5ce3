import { describe, expect, it } from 'vitest';
import { nextOccurrence } from './next-occurrence';
import { skippedWallClock, withGapStart } from './gap-start';
import { localIso } from '../testing/local-time';

describe('skippedWallClock', () => {
  it('gives the written wall clock of a time the spring-forward gap skips, written with the offset before or after it', () => {
    expect(skippedWallClock('2026-03-29T02:30:00+01:00', 'Europe/Berlin')).toBe('2026-03-29T02:30:00');
    expect(skippedWallClock('2026-03-29T02:30:00+02:00', 'Europe/Berlin')).toBe('2026-03-29T02:30:00');
    expect(skippedWallClock('2026-03-08T02:15:00-05:00', 'America/New_York')).toBe('2026-03-08T02:15:00');
    // Lord Howe springs forward by half an hour, 02:00 → 02:30.
    expect(skippedWallClock('2026-10-04T02:10:00+10:30', 'Australia/Lord_Howe')).toBe('2026-10-04T02:10:00');
  });

  it('gives nothing for a time that exists, a time written in another offset, or anything else', () => {
    expect(skippedWallClock('2026-03-29T03:30:00+02:00', 'Europe/Berlin')).toBeUndefined();
    expect(skippedWallClock('2026-03-29T01:59:59+01:00', 'Europe/Berlin')).toBeUndefined();
    // 02:30 UTC reads 04:30 in Berlin: the client did not mean a Berlin wall clock.
    expect(skippedWallClock('2026-03-29T02:30:00Z', 'Europe/Berlin')).toBeUndefined();
    expect(skippedWallClock('2026-10-25T02:30:00+01:00', 'Europe/Berlin')).toBeUndefined();
    expect(skippedWallClock('not a time', 'Europe/Berlin')).toBeUndefined();
  });
});

describe('a series whose first due time the gap skipped', () => {
  const series = (written: string, rrule: string, zone: string, count: number) => {
    const recurrence = withGapStart({ rrule, timezone: zone }, written);
    const dues: string[] = [];
    let dueAt = new Date(written).toISOString();
    for (let index = 1; index <= count; index++) {
      const next = nextOccurrence({ dueAt, completedAt: dueAt, recurrence: index === 1 ? recurrence : withGapStart(recurrence, dueAt), index });
      if (next.kind !== 'next') break;
      dues.push(localIso(Date.parse(next.dueAt), zone));
      dueAt = next.dueAt;
    }
    return dues;
  };

  it('goes on at the written time of day from the next day, as python-dateutil and RFC 5545 §3.3.5 do', () => {
    expect(series('2026-03-29T02:30:00+01:00', 'FREQ=DAILY', 'Europe/Berlin', 3)).toEqual(['2026-03-30T02:30:00', '2026-03-31T02:30:00', '2026-04-01T02:30:00']);
    expect(series('2026-03-08T02:15:00-05:00', 'FREQ=WEEKLY;INTERVAL=2', 'America/New_York', 2)).toEqual(['2026-03-22T02:15:00', '2026-04-05T02:15:00']);
    expect(series('2026-10-04T02:10:00+10:30', 'FREQ=DAILY', 'Australia/Lord_Howe', 1)).toEqual(['2026-10-05T02:10:00']);
  });

  it('leaves a first due time that exists to the due time itself', () => {
    expect(series('2026-03-29T03:30:00+02:00', 'FREQ=DAILY', 'Europe/Berlin', 2)).toEqual(['2026-03-30T03:30:00', '2026-03-31T03:30:00']);
    expect(withGapStart({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin', localStart: '2026-03-29T02:30:00' }, '2026-03-29T03:30:00+02:00')).toEqual({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' });
  });
});
