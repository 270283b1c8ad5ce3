import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle';
import { stopOnSignals } from './stop-on-signals';

const log = pino({ level: 'silent' });

/** A stand-in for `process`: the signals it emits and the exit codes asked of it. */
function fakeProcess() {
  const target = new EventEmitter() as EventEmitter & { exits: number[] };
  target.exits = [];
  Object.assign(target, { exit: (code: number) => void target.exits.push(code) });
  return target;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('stopOnSignals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('runs the stop on %s and exits 0 when it finished', async (signal) => {
    const target = fakeProcess();
    const lifecycle = createLifecycle({ log });
    let closed = false;
    lifecycle.onStop({ name: 'server', run: () => void (closed = true) });
    stopOnSignals(lifecycle, log, target as unknown as NodeJS.Process);
    target.emit(signal, signal);
    await settle();
    expect(closed).toBe(true);
    expect(target.exits).toEqual([0]);
  });

  it('exits 1 when the stop passed its deadline', async () => {
    const target = fakeProcess();
    const lifecycle = createLifecycle({ log, deadlineMs: 10 });
    lifecycle.onStop({ name: 'stuck', run: () => new Promise(() => {}) });
    stopOnSignals(lifecycle, log, target as unknown as NodeJS.Process);
    target.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(target.exits).toEqual([1]);
  });

  it('exits at once on a second signal during the stop', async () => {
    const target = fakeProcess();
    const lifecycle = createLifecycle({ log });
    lifecycle.onStop({ name: 'slow', run: () => new Promise(() => {}) });
    stopOnSignals(lifecycle, log, target as unknown as NodeJS.Process);
    target.emit('SIGINT', 'SIGINT');
    target.emit('SIGINT', 'SIGINT');
    expect(target.exits).toEqual([1]);
  });

  it('takes over from the handler the bundle entry installed before the bundle loaded', () => {
    const target = fakeProcess();
    const early = () => {};
    target.on('SIGTERM', early);
    target.on('SIGINT', early);
    const key = Symbol.for('todo.exitOnEarlySignals');
    (globalThis as Record<symbol, unknown>)[key] = early;
    try {
      stopOnSignals(createLifecycle({ log }), log, target as unknown as NodeJS.Process);
      expect(target.listeners('SIGTERM')).not.toContain(early);
      expect(target.listeners('SIGINT')).not.toContain(early);
      expect(target.listenerCount('SIGTERM')).toBe(1);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
    }
  });
});
