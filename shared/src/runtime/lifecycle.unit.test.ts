import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLifecycle, StopRequested } from './lifecycle';

const log = pino({ level: 'silent' });
const never = () => new Promise<never>(() => {});

describe('createLifecycle', () => {
  it('is starting, then running, then stopping', async () => {
    const lifecycle = createLifecycle({ log });
    expect(lifecycle.state()).toBe('starting');
    lifecycle.started();
    expect(lifecycle.state()).toBe('running');
    const stopped = lifecycle.stop();
    expect(lifecycle.state()).toBe('stopping');
    expect(lifecycle.stopping.aborted).toBe(true);
    await stopped;
  });

  it('closes what was opened last first, once however often stop is called', async () => {
    const lifecycle = createLifecycle({ log });
    const closed: string[] = [];
    for (const name of ['database', 'bus', 'server']) lifecycle.onStop({ name, run: () => void closed.push(name) });
    const [first, second] = await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(closed).toEqual(['server', 'bus', 'database']);
    expect(first).toEqual({ completed: true, waitingFor: [] });
    expect(second).toBe(first);
  });

  it('goes on to the next step when one fails or outlasts its budget', async () => {
    const lifecycle = createLifecycle({ log, deadlineMs: 2_000 });
    const closed: string[] = [];
    lifecycle.onStop({ name: 'database', run: () => void closed.push('database') });
    lifecycle.onStop({ name: 'relays', run: never, budgetMs: 50 });
    lifecycle.onStop({
      name: 'consumer',
      run: () => {
        throw new Error('broken');
      },
    });
    const began = Date.now();
    const outcome = await lifecycle.stop();
    expect(outcome.completed).toBe(true);
    expect(closed).toEqual(['database']);
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('gives up at the deadline and names what it was still waiting for', async () => {
    const lifecycle = createLifecycle({ log, deadlineMs: 100 });
    lifecycle.onStop({ name: 'database', run: () => {} });
    lifecycle.onStop({ name: 'server', run: never });
    const began = Date.now();
    const outcome = await lifecycle.stop();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(outcome).toEqual({ completed: false, waitingFor: ['server', 'database'] });
  });

  it('turns a start-up step that a stop overtook into StopRequested, also when the stop made it fail', async () => {
    const lifecycle = createLifecycle({ log });
    let finish!: (value: string) => void;
    const finished = lifecycle.step(new Promise<string>((resolve) => (finish = resolve)));
    let fail!: (error: Error) => void;
    const failed = lifecycle.step(new Promise<string>((_, reject) => (fail = reject)));
    await lifecycle.stop();
    finish('opened');
    fail(new Error('connection closed'));
    await expect(finished).rejects.toBeInstanceOf(StopRequested);
    await expect(failed).rejects.toBeInstanceOf(StopRequested);
  });

  it('passes a start-up failure through when no stop began', async () => {
    const lifecycle = createLifecycle({ log });
    await expect(lifecycle.step(Promise.reject(new Error('no such database')))).rejects.toThrow('no such database');
    await expect(lifecycle.step(Promise.resolve(42))).resolves.toBe(42);
  });

  it('closes at once what start-up registers after the stop', async () => {
    const lifecycle = createLifecycle({ log });
    await lifecycle.stop();
    let closed = false;
    lifecycle.onStop({ name: 'late server', run: () => void (closed = true) });
    expect(closed).toBe(true);
  });
});
