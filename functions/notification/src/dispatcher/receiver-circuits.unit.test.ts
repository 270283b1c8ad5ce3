import { describe, expect, it } from 'vitest';
import { PermanentFailure } from '../channels/channel';
import { isOpenCircuit, receiverCircuits } from './receiver-circuits';

const signal = () => new AbortController().signal;
const fail = (message: string) => async () => {
  throw new Error(message);
};

describe('receiverCircuits', () => {
  const options = { breakerThreshold: 2, halfOpenAfterMs: 60_000, clock: () => new Date('2026-05-01T08:00:00Z') };

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

describe('receiverCircuits under many receivers', () => {
  it('keeps at most maxCircuits, dropping the least recently used, and a dropped circuit only forgets failures', async () => {
    const circuits = receiverCircuits({ breakerThreshold: 1, halfOpenAfterMs: 60_000, clock: () => new Date('2026-05-01T08:00:00Z'), maxCircuits: 3 });
    await expect(circuits.execute('victim', fail('down'), signal())).rejects.toThrow('down');
    await expect(circuits.execute('victim', async () => 'never', signal())).rejects.toSatisfy(isOpenCircuit);

    for (let i = 0; i < 10_000; i++) await circuits.execute(`attacker-${i}`, async () => 'ok', signal());

    expect(circuits.size).toBe(3);
    await expect(circuits.execute('victim', async () => 'tried again', signal())).resolves.toBe('tried again');
  });

  it('drops circuits without a try for idleMs', async () => {
    let now = Date.parse('2026-05-01T08:00:00Z');
    const circuits = receiverCircuits({ breakerThreshold: 1, halfOpenAfterMs: 1_000, clock: () => new Date(now), idleMs: 60_000 });
    for (let i = 0; i < 100; i++) await circuits.execute(`receiver-${i}`, async () => 'ok', signal());
    now += 30_000;
    await circuits.execute('recent', async () => 'ok', signal());
    now += 30_000;
    await circuits.execute('latest', async () => 'ok', signal());
    expect(circuits.size).toBe(2);
  });
});
