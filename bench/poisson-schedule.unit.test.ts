import { describe, expect, it } from 'vitest';
import { poissonSchedule } from './poisson-schedule';

const options = { ratesPerSecond: { list: 200, create: 20, never: 0 }, seconds: 100, users: 1_000, seed: 7 };

describe('poissonSchedule', () => {
  it('is the same for the same seed and another for another seed', () => {
    expect(poissonSchedule(options)).toEqual(poissonSchedule(options));
    expect(poissonSchedule({ ...options, seed: 8 })).not.toEqual(poissonSchedule(options));
  });

  it('is sorted by time, within the duration, for users within range', () => {
    const arrivals = poissonSchedule(options);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]!.atMs).toBeGreaterThanOrEqual(arrivals[i - 1]!.atMs);
    expect(arrivals.every((a) => a.atMs >= 0 && a.atMs < 100_000 && Number.isInteger(a.user) && a.user >= 0 && a.user < 1_000)).toBe(true);
  });

  it('arrives at each kind’s mean rate (within 4 standard deviations), a kind at rate 0 never', () => {
    const arrivals = poissonSchedule(options);
    const count = (kind: string) => arrivals.filter((a) => a.kind === kind).length;
    // A Poisson count with mean m has standard deviation √m.
    expect(Math.abs(count('list') - 20_000)).toBeLessThan(4 * Math.sqrt(20_000));
    expect(Math.abs(count('create') - 2_000)).toBeLessThan(4 * Math.sqrt(2_000));
    expect(count('never')).toBe(0);
  });

  it('has exponential gaps: their standard deviation is about their mean (unlike a fixed pace)', () => {
    const times = poissonSchedule({ ...options, ratesPerSecond: { list: 200 } }).map((a) => a.atMs);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(5, 0);
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });

  it('spreads the arrivals over the users about evenly', () => {
    const perUser = new Array<number>(1_000).fill(0);
    for (const arrival of poissonSchedule(options)) perUser[arrival.user]!++;
    // 22 per user on average; none left out, none with several times its share.
    expect(Math.min(...perUser)).toBeGreaterThan(3);
    expect(Math.max(...perUser)).toBeLessThan(50);
  });
});
