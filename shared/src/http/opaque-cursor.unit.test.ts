import { describe, expect, it } from 'vitest';
import { encodeCursor, readCursor } from './opaque-cursor';

describe('readCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const value = { k: ['2026-05-01 09:00:00+00', 'a3d0c6f4-6b0e-4f57-9a53-3b1f2d7c8e91'] };

    expect(readCursor(encodeCursor(value))).toEqual(value);
  });

  it.each([
    ['not base64url JSON', 'not-ours'],
    ['JSON nested 3,000 deep', encodeCursor(JSON.parse('['.repeat(3000) + ']'.repeat(3000)))],
  ])('answers undefined for %s', (_, cursor) => {
    expect(readCursor(cursor)).toBeUndefined();
  });
});
