import { describe, expect, it } from 'vitest';
import { verifiedTokens } from './verified-tokens';

describe('verifiedTokens', () => {
  let clock = 1_000_000;
  const now = () => clock;

  it("keeps a verdict until the token's exp or the ttl, whichever comes first", () => {
    const cache = verifiedTokens<string>({ maxEntries: 10, ttlMs: 60_000, now });
    cache.set('expires-soon', 'a', clock + 5_000);
    cache.set('expires-late', 'b', clock + 3_600_000);
    expect(cache.get('expires-soon')).toBe('a');
    clock += 5_000;
    expect(cache.get('expires-soon')).toBeUndefined();
    expect(cache.get('expires-late')).toBe('b');
    clock += 55_000;
    expect(cache.get('expires-late')).toBeUndefined();
  });

  it('keeps nothing for a token already expired, and nothing it was never told', () => {
    const cache = verifiedTokens<string>({ maxEntries: 10, ttlMs: 60_000, now });
    cache.set('expired', 'a', clock - 1);
    expect(cache.get('expired')).toBeUndefined();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = verifiedTokens<number>({ maxEntries: 3, ttlMs: 60_000, now });
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, i, clock + 60_000);
    expect([0, 1, 2, 3, 4].map((i) => cache.get(`t${i}`))).toEqual([undefined, undefined, 2, 3, 4]);
  });
});
