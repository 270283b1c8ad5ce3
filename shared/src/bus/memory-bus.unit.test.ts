import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../events/catalog';
import { aTask, aTaskCompleted, aTaskCreated, eventContext, recordingConsumer } from '../testing/event-fixtures';
import { ack, drop, retry } from '../events/outcome';
import { metricsRoute } from '../http/health';
import { createMetrics } from '../metrics/metrics';
import { busMetrics } from './bus-metrics';
import { createMemoryBus } from './memory-bus';

const log = pino({ level: 'silent' });
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('the in-process bus', () => {
  it('hands every delivery attempt to its background runner, and the attempt runs inside it', async () => {
    const inside: string[] = [];
    let running = false;
    const bus = createMemoryBus({
      log,
      retry: fast,
      background: async (work) => {
        running = true;
        try {
          return await work();
        } finally {
          running = false;
        }
      },
    });
    let tries = 0;
    bus.subscribe({
      ...recordingConsumer({ types: ['dev.todo.task.created.v1'] }),
      handle: async (event: AnyEvent) => {
        inside.push(`${event.id} ${running ? 'inside' : 'outside'}`);
        return ++tries === 1 ? retry('once more') : ack();
      },
    });
    const created = aTaskCreated();
    await bus.publish([created]);
    expect(inside).toEqual([`${created.id} inside`, `${created.id} inside`]);
  });

  it('delivers at once to a consumer that requests wait for, outside the background runner', async () => {
    const bus = createMemoryBus({ log, retry: fast, background: () => new Promise(() => {}) });
    const awaited = { ...recordingConsumer({ types: ['dev.todo.task.created.v1'] }), awaitedByRequests: true };
    bus.subscribe(awaited);
    await bus.publish([aTaskCreated()]);
    expect(awaited.calls).toHaveLength(1);
  });

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

  it('delivers other partition keys while one key waits, and one key\'s events in order', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    const seen: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    bus.subscribe({
      ...recordingConsumer({ types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'] }),
      handle: async (event: AnyEvent) => {
        seen.push(`start ${event.id}`);
        // Delivered one at a time, task a's first event would wait out the second and b would come after it.
        if (event.id === 'a-1') await Promise.race([released, sleep(1_000)]);
        if (event.id === 'b-1') release();
        seen.push(`end ${event.id}`);
        return ack();
      },
    });
    const taskA = aTask({ id: '11111111-1111-4111-8111-111111111111' });
    const taskB = aTask({ id: '22222222-2222-4222-8222-222222222222' });

    await bus.publish([
      aTaskCreated(taskA, eventContext({ newId: () => 'a-1' })),
      aTaskCreated(taskB, eventContext({ newId: () => 'b-1' })),
      aTaskCompleted({ ...taskA, status: 'completed' }, eventContext({ newId: () => 'a-2' })),
    ]);

    expect(seen).toEqual(['start a-1', 'start b-1', 'end b-1', 'end a-1', 'start a-2', 'end a-2']);
  });

  it('delivers to a bookkeeping consumer after the deliveries someone waits for, and never later than its delay', async () => {
    const bus = createMemoryBus({ log, retry: fast, bookkeepingMaxDelayMs: 500 });
    const seen: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    bus.subscribe({
      ...recordingConsumer(),
      name: 'audit',
      bookkeeping: true,
      handle: async (event: AnyEvent) => (seen.push(`audit ${event.id}`), ack()),
    });
    bus.subscribe({
      ...recordingConsumer(),
      name: 'notification',
      handle: async (event: AnyEvent) => {
        if (event.id === 'e-2') await released;
        seen.push(`notification ${event.id}`);
        return ack();
      },
    });
    const events = ['e-1', 'e-2'].map((id) => aTaskCreated(aTask(), eventContext({ newId: () => id })));

    const published = bus.publish(events);
    await expect.poll(() => seen).toEqual(['notification e-1']);
    await sleep(50);
    expect(seen).toEqual(['notification e-1']);
    release();
    await published;
    expect(seen).toEqual(['notification e-1', 'notification e-2', 'audit e-1', 'audit e-2']);

    // A delivery someone waits for that never ends holds bookkeeping back for the delay only.
    bus.subscribe({ ...recordingConsumer(), name: 'stuck', handle: () => new Promise(() => {}) });
    const started = Date.now();
    void bus.publish([aTaskCreated(aTask(), eventContext({ newId: () => 'e-3' }))]);
    await expect.poll(() => seen.includes('audit e-3'), { timeout: 2_000 }).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
  });

  it('lets each consumer go at its own pace, and resolves once every consumer settled every event', async () => {
    const bus = createMemoryBus({ log, retry: fast, lanes: 1 });
    const fastSeen: string[] = [];
    let fastDone!: () => void;
    const fastFinished = new Promise<void>((resolve) => (fastDone = resolve));
    const slowSeen: string[] = [];
    bus.subscribe({
      ...recordingConsumer(),
      name: 'fast',
      handle: async (event: AnyEvent) => {
        fastSeen.push(event.id);
        if (fastSeen.length === 2) fastDone();
        return ack();
      },
    });
    bus.subscribe({
      ...recordingConsumer(),
      name: 'slow',
      handle: async (event: AnyEvent) => {
        if (slowSeen.length === 0) await Promise.race([fastFinished, sleep(1_000)]);
        slowSeen.push(`${event.id} after fast saw ${fastSeen.length}`);
        return ack();
      },
    });

    await bus.publish([aTaskCreated(aTask(), eventContext({ newId: () => 'e-1' })), aTaskCreated(aTask(), eventContext({ newId: () => 'e-2' }))]);

    expect(fastSeen).toEqual(['e-1', 'e-2']);
    expect(slowSeen).toEqual(['e-1 after fast saw 2', 'e-2 after fast saw 2']);
  });

  it('lets a fast consumer take the next publish while a slow one still holds the last, each key in order', async () => {
    const bus = createMemoryBus({ log, retry: fast });
    expect(bus.overlappingPublishes).toBeGreaterThan(1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const fastSeen: string[] = [];
    const slowSeen: string[] = [];
    bus.subscribe({ ...recordingConsumer({ types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'] }), name: 'fast', handle: async (event: AnyEvent) => (fastSeen.push(event.id), ack()) });
    bus.subscribe({
      ...recordingConsumer({ types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'] }),
      name: 'slow',
      handle: async (event: AnyEvent) => {
        slowSeen.push(`start ${event.id}`);
        if (event.id === 'a-1') await Promise.race([released, sleep(1_000)]);
        slowSeen.push(`end ${event.id}`);
        return ack();
      },
    });
    const taskA = aTask({ id: '11111111-1111-4111-8111-111111111111' });
    const taskB = aTask({ id: '22222222-2222-4222-8222-222222222222' });

    const first = bus.publish([aTaskCreated(taskA, eventContext({ newId: () => 'a-1' }))]);
    const second = bus.publish([aTaskCompleted({ ...taskA, status: 'completed' }, eventContext({ newId: () => 'a-2' })), aTaskCreated(taskB, eventContext({ newId: () => 'b-1' }))]);
    await expect.poll(() => fastSeen.length).toBe(3);
    expect(fastSeen.filter((id) => id.startsWith('a-'))).toEqual(['a-1', 'a-2']);
    // Task a's second event waits for its first at the slow consumer; task b does not.
    await expect.poll(() => slowSeen).toEqual(['start a-1', 'start b-1', 'end b-1']);
    release();
    await Promise.all([first, second]);
    expect(slowSeen).toEqual(['start a-1', 'start b-1', 'end b-1', 'end a-1', 'start a-2', 'end a-2']);
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

  it('counts each attempt as a memory delivery, and the dead letter per topic, on /metrics', async () => {
    const metrics = createMetrics('memory-bus-test');
    const bus = createMemoryBus({ log, retry: fast, metrics: busMetrics(metrics) });
    bus.subscribe(recordingConsumer({ respond: async () => retry('still broken') }));
    await bus.publish([aTaskCreated()]);
    const lines = (await (await metricsRoute(metrics).request('/metrics')).text()).split('\n');
    const type = 'dev.todo.task.created.v1';
    expect(lines).toContain(`event_deliveries_received_total{transport="memory",type="${type}",service="memory-bus-test"} 3`);
    expect(lines).toContain(`event_deliveries_total{transport="memory",type="${type}",outcome="retried",service="memory-bus-test"} 3`);
    expect(lines).toContain('events_dead_lettered_total{consumer="test-consumer",topic="task-events",service="memory-bus-test"} 1');
    expect(lines).toContain('events_published_total{topic="task-events",service="memory-bus-test"} 1');
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
