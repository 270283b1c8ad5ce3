import { describe, expect, it } from 'vitest';
import { decide, windowAt } from './fixed-window';

const policy = { limit: 3, windowSeconds: 60 };
const at = (iso: string) => new Date(iso);
const minutesSinceEpoch = (iso: string) => Date.parse(iso) / 60_000;

describe('fixed window', () => {
  it('numbers windows from the epoch and says how long the current one lasts', () => {
    const nine = minutesSinceEpoch('2026-05-01T09:00:00.000Z');
    expect(windowAt(policy, at('2026-05-01T09:00:00.000Z'))).toEqual({ id: nine, secondsLeft: 60 });
    expect(windowAt(policy, at('2026-05-01T09:00:59.200Z'))).toEqual({ id: nine, secondsLeft: 1 });
    expect(windowAt(policy, at('2026-05-01T09:01:00.000Z')).id).toBe(nine + 1);
  });

  it('allows until the limit is reached, counting this request', () => {
    const now = at('2026-05-01T09:00:10.000Z');
    expect(decide(policy, 0, now)).toEqual({ allowed: true, limit: 3, windowSeconds: 60, count: 1, remaining: 2, retryAfterSeconds: 0 });
    expect(decide(policy, 2, now)).toMatchObject({ allowed: true, count: 3, remaining: 0 });
  });

  it('refuses once the limit is reached, until the window ends', () => {
    expect(decide(policy, 3, at('2026-05-01T09:00:10.000Z'))).toEqual({ allowed: false, limit: 3, windowSeconds: 60, count: 3, remaining: 0, retryAfterSeconds: 50 });
    expect(decide(policy, 9, at('2026-05-01T09:00:59.900Z')).retryAfterSeconds).toBe(1);
  });
});
