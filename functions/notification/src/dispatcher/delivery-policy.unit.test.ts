import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery-policy';

describe('retryDelayMs', () => {
  it('doubles after each failed try from the initial delay, up to the cap', () => {
    const options = { initialDelayMs: 2_000, maxDelayMs: 60 * 60_000 };
    expect([1, 2, 3, 4, 11, 12, 40].map((tries) => retryDelayMs(options, tries))).toEqual([2_000, 4_000, 8_000, 16_000, 2_048_000, 3_600_000, 3_600_000]);
  });
});
