import { describe, expect, it } from 'vitest';
import { PermanentFailure } from '../channels/channel';
import { deliveryPolicies } from './delivery-policy';

const options = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5, breakerThreshold: 2, halfOpenAfterMs: 60_000 };
const signal = () => new AbortController().signal;

describe('deliveryPolicies', () => {
  it('retries a failing attempt up to maxAttempts, then throws the last error', async () => {
    const policies = deliveryPolicies({ ...options, breakerThreshold: 100 });
    let calls = 0;
    await expect(policies.execute('a', async () => { calls++; throw new Error('down'); }, signal())).rejects.toThrow('down');
    expect(calls).toBe(4);
  });

  it('succeeds once an attempt succeeds', async () => {
    const policies = deliveryPolicies(options);
    let calls = 0;
    await expect(policies.execute('a', async () => (++calls < 2 ? Promise.reject(new Error('once')) : 'ok'), signal())).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('does not retry a permanent failure', async () => {
    const policies = deliveryPolicies(options);
    let calls = 0;
    await expect(policies.execute('a', async () => { calls++; throw new PermanentFailure('410'); }, signal())).rejects.toBeInstanceOf(PermanentFailure);
    expect(calls).toBe(1);
  });

  it('opens the circuit of one receiver after consecutive failures, leaving others alone', async () => {
    const policies = deliveryPolicies(options);
    let calls = 0;
    await expect(policies.execute('down', async () => { calls++; throw new Error('down'); }, signal())).rejects.toThrow();
    expect(calls).toBe(2);
    await expect(policies.execute('down', async () => { calls++; return 'never'; }, signal())).rejects.toThrow(/circuit/i);
    expect(calls).toBe(2);
    await expect(policies.execute('up', async () => 'ok', signal())).resolves.toBe('ok');
  });
});
