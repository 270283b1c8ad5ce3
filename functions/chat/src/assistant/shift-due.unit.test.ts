import { describe, expect, it } from 'vitest';
import { shiftedDue } from './shift-due';

describe('shiftedDue', () => {
  it.each([
    ['a day later keeps 9:00', '2026-05-06T07:00:00.000Z', 'P1D', '2026-05-07T09:00:00+02:00'],
    ['an hour later', '2026-05-06T07:00:00.000Z', 'PT1H', '2026-05-06T10:00:00+02:00'],
    ['30 minutes earlier', '2026-05-06T07:00:00.000Z', '-PT30M', '2026-05-06T08:30:00+02:00'],
    ['a week later', '2026-05-06T07:00:00.000Z', 'P1W', '2026-05-13T09:00:00+02:00'],
    // Berlin moves to summer time on 2026-03-29: a day later is still 9:00 on the wall clock.
    ['a day later across the clock change', '2026-03-28T08:00:00.000Z', 'P1D', '2026-03-29T09:00:00+02:00'],
    ['two days earlier across the clock change', '2026-03-30T07:00:00.000Z', '-P2D', '2026-03-28T09:00:00+01:00'],
  ])('%s', (_case, dueAt, duration, expected) => {
    expect(shiftedDue(dueAt, duration, 'Europe/Berlin')).toBe(expected);
  });
});
