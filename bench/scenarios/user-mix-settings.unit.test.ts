import { describe, expect, it } from 'vitest';
import { readMixSettings } from './user-mix-settings';

describe('readMixSettings', () => {
  it('defaults to 10,000 users, 60 s steps at the peak and 3 × the peak', () => {
    expect(readMixSettings({})).toEqual({ users: 10_000, seconds: 60, rate: 1, heavy: 3, tasksPerUser: 2, seed: 1 });
  });

  it('reads every variable, fractional rates included', () => {
    const env = { BENCH_MIX_USERS: '300', BENCH_MIX_SECONDS: '15', BENCH_MIX_RATE: '0.5', BENCH_MIX_HEAVY: '10', BENCH_MIX_TASKS_PER_USER: '3', BENCH_MIX_SEED: '9' };
    expect(readMixSettings(env)).toEqual({ users: 300, seconds: 15, rate: 0.5, heavy: 10, tasksPerUser: 3, seed: 9 });
  });

  it('names every invalid variable in one error', () => {
    expect(() => readMixSettings({ BENCH_MIX_USERS: '1.5', BENCH_MIX_RATE: '0' })).toThrow(/BENCH_MIX_USERS=1\.5[\s\S]*BENCH_MIX_RATE=0/);
  });
});
