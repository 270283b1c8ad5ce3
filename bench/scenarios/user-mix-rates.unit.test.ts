import { describe, expect, it } from 'vitest';
import { peakRatesPerSecond } from './user-mix-rates';

describe('peakRatesPerSecond', () => {
  it('gives knative/README.md’s peak rates for 10,000 users (per day × 0.463)', () => {
    const rates = peakRatesPerSecond(10_000, 1);
    expect(rates.list).toBeCloseTo(46.3, 1);
    expect(rates.create).toBeCloseTo(4.63, 2);
    expect(rates.complete + rates.edit + rates.delete).toBeCloseTo(6.94, 2);
    expect(rates.chat).toBeCloseTo(9.26, 2);
  });

  it('scales with users and the multiplier', () => {
    expect(peakRatesPerSecond(1_000, 10).list).toBeCloseTo(peakRatesPerSecond(10_000, 1).list, 10);
  });
});
