import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { AnyEvent } from '../events/catalog';
import type { Consumer } from '../events/consumer';
import { ack, drop, retry } from '../events/outcome';
import { aTask, aTaskCompleted, aTaskCreated, eventContext } from '../testing/event-fixtures';
import { metricsRoute } from '../http/health';
import { createMetrics } from '../metrics/metrics';
import { readTopic } from '../testing/kafka-test-kit';
import { busMetrics } from './bus-metrics';
import { createKafkaBus, type KafkaBus } from './kafka-bus';
import { createKafkaClient } from './kafka-client';
import { parseKafkaUrl } from './kafka-url';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const brokers = () => parseKafkaUrl(inject('kafkaUrl')).brokers;
const slow = { timeout: 60_000, interval: 100 };
const fast = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 };

/** A TaskCreated of a fresh task for `userId`, with a fresh id; its partition key is the task id. */
function taskCreated(userId: string, task = aTask({ id: randomUUID() })): AnyEvent {
  return aTaskCreated(task, eventContext({ userId, newId: randomUUID, now: new Date() }));
}

describe('the Kafka bus with in-process consumers', () => {
  const name = `probe-${randomUUID().slice(0, 8)}`;
  let bus: KafkaBus;

  beforeAll(async () => {
    const admin = createKafkaClient({ brokers: brokers(), clientId: 'test-admin', log }).admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${name}-dead-letter`, numPartitions: 1 }] });
    await admin.disconnect();
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('retries, dead-letters drops and exhausted retries with their reason and origin, and keeps the partition flowing', async () => {
    const user = `probe-user-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const flaky = taskCreated(user, aTask({ id: key, title: 'flaky' }));
    const refused = aTaskCompleted(aTask({ id: key, status: 'completed', title: 'refused' }), eventContext({ userId: user, newId: randomUUID, now: new Date() }));
    const poison = aTaskCompleted(aTask({ id: key, status: 'completed', title: 'poison' }), eventContext({ userId: user, newId: randomUUID, now: new Date() }));
    const after = taskCreated(user, aTask({ id: key, title: 'after' }));
    const ours = new Set([flaky.id, refused.id, poison.id, after.id]);
    let flakyFailures = 2;
    const calls: { event: AnyEvent; attempt: number }[] = [];
    const consumer: Consumer = {
      name,
      topics: ['task-events'],
      types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1'],
      handle: async (event, context) => {
        calls.push({ event, attempt: context.attempt });
        if (event.id === flaky.id && flakyFailures-- > 0) return retry('busy');
        if (event.id === refused.id) return drop('refused on purpose');
        if (event.id === poison.id) return retry('never works');
        return ack();
      },
    };
    const metrics = createMetrics('kafka-bus-test');
    bus = createKafkaBus({ brokers: brokers(), consume: 'in-process', clientId: name, log, retry: fast, metrics: busMetrics(metrics) });
    bus.subscribe(consumer);
    await bus.joined();
    await bus.publish([flaky, refused, poison, after]);

    await vi.waitFor(() => expect(calls.filter((call) => call.event.id === after.id)).toHaveLength(1), slow);
    const attempts = calls.filter((call) => ours.has(call.event.id)).map((call) => [call.event.id, call.attempt]);
    expect(attempts).toEqual([
      [flaky.id, 0],
      [flaky.id, 1],
      [flaky.id, 2],
      [refused.id, 0],
      [poison.id, 0],
      [poison.id, 1],
      [poison.id, 2],
      [after.id, 0],
    ]);

    const deadLetters = await readTopic(brokers(), `${name}-dead-letter`, (record) => record.key === key, (kept) => kept.length >= 2);
    expect(deadLetters.map((record) => [record.headers['ce_id'], record.headers['dead-letter-reason'], record.headers['dead-letter-attempts']])).toEqual([
      [refused.id, 'refused on purpose', '1'],
      [poison.id, 'never works', '3'],
    ]);
    for (const record of deadLetters) {
      expect(record.headers).toMatchObject({ 'dead-letter-consumer': name, 'dead-letter-original-topic': 'task-events', 'content-type': 'application/json' });
      expect(record.headers['dead-letter-original-offset']).toMatch(/^\d+$/);
    }

    // Every other record on the topic is acknowledged: the retries and drops counted are these events'.
    const scrape = async () => (await (await metricsRoute(metrics).request('/metrics')).text()).split('\n');
    const service = 'service="kafka-bus-test"';
    // The dead letter is counted once the broker acknowledged it, which may come after a reader saw it;
    // malformed records other tests left on the topic are dead-lettered by this group too.
    const deadLettered = async () => Number((await scrape()).find((line) => line.startsWith(`events_dead_lettered_total{consumer="${name}",topic="task-events",`))?.split(' ')[1] ?? 0);
    await vi.waitFor(async () => expect(await deadLettered()).toBeGreaterThanOrEqual(2), slow);
    const lines = await scrape();
    expect(lines).toContain(`event_deliveries_total{transport="kafka",type="dev.todo.task.created.v1",outcome="retried",${service}} 2`);
    expect(lines).toContain(`event_deliveries_total{transport="kafka",type="dev.todo.task.completed.v1",outcome="retried",${service}} 3`);
    expect(lines).toContain(`event_deliveries_total{transport="kafka",type="dev.todo.task.completed.v1",outcome="dropped",${service}} 1`);
    const lag = lines.filter((line) => line.startsWith(`kafka_consumer_lag{group="${name}",topic="task-events",`)).map((line) => Number(line.split(' ')[1]));
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.every((records) => Number.isInteger(records) && records >= 0)).toBe(true);
  });

  it('reports ready while the broker answers', async () => {
    expect(await bus.isReady()).toBe(true);
    await bus.close();
    expect(await bus.isReady()).toBe(false);
    await expect(bus.publish([taskCreated('nobody')])).rejects.toThrow(/closed/);
  });
});
