import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { durationMs, IsoDuration } from '#shared/contracts/time';
import { alarmTrigger } from './alarm-trigger';

// RFC 5545 §3.3.6, dur-value, transcribed from its ABNF.
const DUR_VALUE = /^[+-]?P(?:\d+W|\d+D(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))$/;

const part = (unit: string) => fc.option(fc.integer({ min: 0, max: 400 }).map((n) => `${n}${unit}`), { nil: '' });
const isoDuration = fc
  .tuple(part('W'), part('D'), part('H'), part('M'), part('S'))
  .map(([w, d, h, m, s]) => `P${w}${d}${h || m || s ? `T${h}${m}${s}` : ''}`)
  .filter((value) => IsoDuration.safeParse(value).success);

describe('alarmTrigger', () => {
  it.each([
    ['PT15M', '-PT15M'],
    ['P2D', '-P2D'],
    ['PT0S', 'PT0S'],
    ['P1W', '-P1W'],
    ['P1W2D', '-P9D'],
    ['PT1H30S', '-PT1H0M30S'],
    ['PT90M', '-PT1H30M'],
    ['P0DT24H', '-P1D'],
  ])('writes %s as %s', (reminder, trigger) => {
    expect(alarmTrigger(reminder)).toBe(trigger);
  });

  it('writes every offset the task API accepts in RFC 5545 grammar, reaching as far before the due time', () => {
    fc.assert(
      fc.property(isoDuration, (reminder) => {
        const trigger = alarmTrigger(reminder);
        expect(trigger).toMatch(DUR_VALUE);
        expect(ICAL.Duration.fromString(trigger).toSeconds()).toBe(-durationMs(reminder) / 1000 || 0);
      }),
    );
  });

  it('counts an offset of twenty digits exactly, without exponent notation', () => {
    const trigger = alarmTrigger('PT99999999999999999999S');
    expect(trigger).toMatch(DUR_VALUE);
    const [days, hours, minutes, seconds] = /^-P(\d+)DT(\d+)H(\d+)M(\d+)S$/.exec(trigger)!.slice(1).map((digits) => BigInt(digits ?? 0));
    expect(((days! * 24n + hours!) * 60n + minutes!) * 60n + seconds!).toBe(99999999999999999999n);
  });
});
