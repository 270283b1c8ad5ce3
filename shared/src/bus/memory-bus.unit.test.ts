import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { aTask, aTaskCompleted, aTaskCreated, eventContext, recordingConsumer } from '../testing/event-fixtures';
import { drop, retry } from '../events/outcome';
import { createMemoryBus } from './memory-bus';

const log = pino({ level: 'silent' });
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('the in-process bus', () => {
  it('delivers each event to every subscription of its topic, in order', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    const audit = { ...recordingConsumer({ types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'] }), name: 'audit' };
    const reminder = { ...recordingConsumer({ types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'] }), name: 'reminder' };
    bus.subscribe(audit);
    bus.subscribe(reminder);
    const created = aTaskCreated();
    const completed = aTaskCompleted(aTask({ status: 'completed' }), eventContext({ newId: () => 'evt-2' }));
    await bus.publish([created, completed]);
    for (const consumer of [audit, reminder]) {
      expect(consumer.calls.map((call) => (call.event as { id: string }).id)).toEqual([created.id, completed.id]);
    }
  });

  it('refuses a second subscription under the same consumer name', () => {
    const bus = createMemoryBus({ log });
    bus.subscribe(recordingConsumer());
    expect(() => bus.subscribe(recordingConsumer())).toThrow(/already subscribed/);
  });

  it('retries with backoff, then succeeds without a dead letter', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    let failures = 2;
    const consumer = recordingConsumer({ respond: async () => (failures-- > 0 ? retry('database busy') : { kind: 'ack' }) });
    bus.subscribe(consumer);
    await bus.publish([aTaskCreated()]);
    expect(consumer.calls.map((call) => call.context.attempt)).toEqual([0, 1, 2]);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters after the last retry with the reason and attempt count', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    const consumer = recordingConsumer({ respond: async () => retry('still broken') });
    bus.subscribe(consumer);
    const event = aTaskCreated();
    await bus.publish([event]);
    expect(consumer.calls).toHaveLength(3);
    expect(bus.deadLetters()).toEqual([expect.objectContaining({ consumer: 'test-consumer', topic: 'task-events', reason: 'still broken', attempts: 3, event })]);
  });

  it('dead-letters a drop at once, without retrying', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    const consumer = recordingConsumer({ respond: async () => drop('cannot apply') });
    bus.subscribe(consumer);
    await bus.publish([aTaskCreated()]);
    expect(consumer.calls).toHaveLength(1);
    expect(bus.deadLetters()[0]).toMatchObject({ reason: 'cannot apply', attempts: 1 });
  });

  it('dead-letters an invalid event before any handler sees it, and keeps delivering the next', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    const consumer = recordingConsumer();
    bus.subscribe(consumer);
    const broken = { ...aTaskCreated(), userid: '' };
    const fine = aTaskCreated(aTask(), eventContext({ newId: () => 'evt-ok' }));
    await bus.publish([broken as never, fine]);
    expect(consumer.calls.map((call) => (call.event as { id: string }).id)).toEqual(['evt-ok']);
    expect(bus.deadLetters()[0]!.reason).toMatch(/userid/);
  });

  it('refuses to publish once closed, so the outbox keeps the events', async () => {
    const bus = createMemoryBus({ log });
    await bus.close();
    await expect(bus.publish([aTaskCreated()])).rejects.toThrow(/closed/);
    expect(await bus.isReady()).toBe(false);
  });
});
