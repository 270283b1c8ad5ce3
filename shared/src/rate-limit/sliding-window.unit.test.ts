import { describe, expect, it } from 'vitest';
import { decide, windowAt } from './sliding-window';

const policy = { limit: 3, windowSeconds: 60 };
const at = (iso: string) => new Date(iso);
const minutesSinceEpoch = (iso: string) => Date.parse(iso) / 60_000;

describe('sliding window counter', () => {
  it('numbers windows from the epoch and says how long the current one lasts and how much has passed', () => {
    const nine = minutesSinceEpoch('2026-05-01T09:00:00.000Z');
    expect(windowAt(policy, at('2026-05-01T09:00:00.000Z'))).toEqual({ id: nine, secondsLeft: 60, elapsed: 0 });
    expect(windowAt(policy, at('2026-05-01T09:00:59.200Z'))).toMatchObject({ id: nine, secondsLeft: 1 });
    expect(windowAt(policy, at('2026-05-01T09:00:30.000Z')).elapsed).toBeCloseTo(0.5);
    expect(windowAt(policy, at('2026-05-01T09:01:00.000Z')).id).toBe(nine + 1);
  });

  it('allows until the limit is reached, counting this request', () => {
    const now = at('2026-05-01T09:00:10.000Z');
    expect(decide(policy, { previous: 0, current: 0 }, now)).toEqual({ allowed: true, limit: 3, windowSeconds: 60, count: 1, remaining: 2, retryAfterSeconds: 0 });
    expect(decide(policy, { previous: 0, current: 2 }, now)).toMatchObject({ allowed: true, count: 3, remaining: 0 });
  });

  it('refuses at the limit, and tells when the count will have faded enough', () => {
    // 3 this window: the next window starts at 09:01 with all 3 weighing, one fades below 3 a third in.
    expect(decide(policy, { previous: 0, current: 3 }, at('2026-05-01T09:00:10.000Z'))).toEqual({ allowed: false, limit: 3, windowSeconds: 60, count: 3, remaining: 0, retryAfterSeconds: 70 });
  });

  it('weighs the previous window by how much of it still lies in the last minute: no double burst at a boundary', () => {
    const justAfter = at('2026-05-01T09:01:01.000Z');
    expect(decide(policy, { previous: 3, current: 0 }, justAfter)).toMatchObject({ allowed: false, retryAfterSeconds: 19 });
    expect(decide(policy, { previous: 3, current: 0 }, at('2026-05-01T09:01:20.000Z'))).toMatchObject({ allowed: true, count: 1, remaining: 0 });
    expect(decide(policy, { previous: 3, current: 0 }, at('2026-05-01T09:01:45.000Z'))).toMatchObject({ allowed: true, remaining: 1 });
  });
});
