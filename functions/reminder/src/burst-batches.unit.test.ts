import { describe, expect, it } from 'vitest';
import { FIRST_FIRE_BATCH, MAX_FIRE_BATCH, nextFireBatch } from './burst-batches';

describe('the firing batches of a burst', () => {
  it('double while they come back full, up to the largest', () => {
    const sizes = [FIRST_FIRE_BATCH];
    while (sizes.at(-1)! < MAX_FIRE_BATCH) sizes.push(nextFireBatch(sizes.at(-1)!));
    expect(sizes).toEqual([500, 1_000, 2_000, 4_000]);
    expect(nextFireBatch(MAX_FIRE_BATCH)).toBe(MAX_FIRE_BATCH);
  });

  it('keep a size given above the largest', () => {
    expect(nextFireBatch(3, 2)).toBe(3);
  });
});
