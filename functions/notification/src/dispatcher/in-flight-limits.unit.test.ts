import { describe, expect, it } from 'vitest';
import { inFlightLimits, type Lane } from './in-flight-limits';

const lane = (userId: string, receiver = 'webhook https://hooks.example.com'): Lane => ({ userId, channel: 'webhook', receiver });

describe('inFlightLimits', () => {
  it("counts each user's tries to a receiver apart from another user's tries to the same receiver", () => {
    const limits = inFlightLimits({ perUser: 10, perReceiver: 2 });
    expect([limits.tryAcquire(lane('mallory')), limits.tryAcquire(lane('mallory')), limits.tryAcquire(lane('mallory'))]).toEqual([true, true, false]);
    expect(limits.tryAcquire(lane('alice'))).toBe(true);
    expect(limits.saturated()).toEqual({ users: [], lanes: [{ userId: 'mallory', channel: 'webhook' }] });
  });

  it('caps one user over all their receivers', () => {
    const limits = inFlightLimits({ perUser: 3, perReceiver: 2 });
    const taken = ['a', 'a', 'b', 'c'].map((origin) => limits.tryAcquire(lane('mallory', `webhook https://${origin}.example`)));
    expect(taken).toEqual([true, true, true, false]);
    expect(limits.saturated().users).toEqual(['mallory']);
    expect(limits.tryAcquire(lane('alice', 'webhook https://c.example'))).toBe(true);
  });

  it('forgets a user and a lane once their last try is done, so memory follows the tries in flight', () => {
    const limits = inFlightLimits({ perUser: 1, perReceiver: 1 });
    for (let i = 0; i < 1_000; i++) {
      expect(limits.tryAcquire(lane(`user-${i}`, `webhook https://${i}.example`))).toBe(true);
      limits.release(lane(`user-${i}`, `webhook https://${i}.example`));
    }
    expect(limits.tryAcquire(lane('user-1', 'webhook https://1.example'))).toBe(true);
    expect(limits.saturated()).toEqual({ users: ['user-1'], lanes: [{ userId: 'user-1', channel: 'webhook' }] });
  });
});
