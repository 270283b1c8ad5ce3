import { describe, expect, it } from 'vitest';
import { recordingLog } from '../testing/event-fixtures';
import { lazyChild } from './lazy-child';

describe('lazyChild', () => {
  it('makes the child only when it is used, with its bindings on every line', () => {
    const { log, lines } = recordingLog();
    let made = 0;
    const parent = new Proxy(log, {
      get: (target, property, receiver) =>
        property === 'child' ? (...args: Parameters<typeof log.child>) => (made++, target.child(...args)) : Reflect.get(target, property, receiver),
    });
    const child = lazyChild(parent, { eventId: 'e-1' });
    expect(made).toBe(0);
    child.warn({ attempt: 2 }, 'event retry');
    child.child({ traceparent: 't' }).info('handled');
    expect(made).toBe(1);
    expect(lines()).toMatchObject([
      { eventId: 'e-1', attempt: 2, msg: 'event retry' },
      { eventId: 'e-1', traceparent: 't', msg: 'handled' },
    ]);
    expect(child.isLevelEnabled('debug')).toBe(true);
  });
});
