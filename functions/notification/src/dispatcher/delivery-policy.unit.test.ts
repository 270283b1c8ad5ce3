import { describe, expect, it } from 'vitest';
import { PermanentFailure } from '../channels/channel';
import { isOpenCircuit, receiverCircuits, retryDelayMs } from './delivery-policy';

const signal = () => new AbortController().signal;
const fail = (message: string) => async () => {
  throw new Error(message);
};

describe('retryDelayMs', () => {
  it('doubles after each failed try from the initial delay, up to the cap', () => {
    const options = { initialDelayMs: 2_000, maxDelayMs: 60 * 60_000 };
    expect([1, 2, 3, 4, 11, 12, 40].map((tries) => retryDelayMs(options, tries))).toEqual([2_000, 4_000, 8_000, 16_000, 2_048_000, 3_600_000, 3_600_000]);
  });
});

describe('receiverCircuits', () => {
  const options = { breakerThreshold: 2, halfOpenAfterMs: 60_000 };

  it('opens the circuit of one receiver after consecutive failures, failing fast without trying, and leaves others alone', async () => {
    const circuits = receiverCircuits(options);
    let tries = 0;
    const counted = async () => {
      tries++;
      throw new Error('down');
    };
    await expect(circuits.execute('down', counted, signal())).rejects.toThrow('down');
    await expect(circuits.execute('down', counted, signal())).rejects.toThrow('down');

    const refused = circuits.execute('down', async () => 'never', signal());
    await expect(refused).rejects.toSatisfy(isOpenCircuit);
    expect(tries).toBe(2);
    await expect(circuits.execute('up', async () => 'ok', signal())).resolves.toBe('ok');
  });

  it('does not count a permanent failure against the receiver', async () => {
    const circuits = receiverCircuits(options);
    for (let i = 0; i < 3; i++) {
      await expect(circuits.execute('strict', async () => Promise.reject(new PermanentFailure('410')), signal())).rejects.toBeInstanceOf(PermanentFailure);
    }
    await expect(circuits.execute('strict', async () => 'ok', signal())).resolves.toBe('ok');
  });

  it('closes again after a success: only failures in a row open it', async () => {
    const circuits = receiverCircuits(options);
    await expect(circuits.execute('flaky', fail('once'), signal())).rejects.toThrow('once');
    await expect(circuits.execute('flaky', async () => 'ok', signal())).resolves.toBe('ok');
    await expect(circuits.execute('flaky', fail('twice'), signal())).rejects.toThrow('twice');
    await expect(circuits.execute('flaky', async () => 'still up', signal())).resolves.toBe('still up');
  });
});
