import { randomUUID } from 'node:crypto';
import { Kafka } from 'cloudevents';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaprBus } from '../bus/dapr-bus';
import type { EventBus } from '../bus/event-bus';
import { tokenCache } from '../http/token-cache';
import { aTask, aTaskCreated, eventContext } from '../testing/event-fixtures';
import { type SidecarPair, startSidecarPair } from '../testing/dapr/function-with-sidecar';
import { type DaprTestSetup, daprTestSetup, kafkaBrokers, TEST_JWT_SECRET } from '../testing/dapr/dapr-test-setup';
import { type ReadRecord, readAll, readTopic } from '../testing/kafka-test-kit';
import { runDlq } from '../../../scripts/dlq/dlq-cli';
import type { AnyEvent } from './catalog';

/**
 * Delivery by a real daprd (pubsub.kafka, the project's Resiliency and Subscriptions) to a real
 * function (audit, from its bundle): each answer the app can give, and a database outage longer than
 * the delivery retry budget, after which every event must be either processed or on the dead-letter
 * topic — never neither.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokenFor = tokenCache(TEST_JWT_SECRET);

let setup: DaprTestSetup;
let audit: SidecarPair;
let bus: EventBus;

beforeAll(async () => {
  setup = await daprTestSetup({ pubsub: true });
  audit = await startSidecarPair({ name: 'audit', env: { ...setup.baseEnv, EVENT_BUS_URL: 'dapr://pubsub' }, ...setup.sidecarFiles });
  bus = createDaprBus({ url: 'dapr://pubsub', sidecar: audit.daprd.sidecar(), log: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await audit?.stop();
  await setup?.cleanup();
});

/** A task-created event of a fresh task of `userId`, with a fresh id (its own partition key). */
function created(userId: string): AnyEvent {
  const task = aTask({ id: randomUUID() });
  return aTaskCreated(task, eventContext({ userId, newId: () => randomUUID(), now: new Date() }));
}

async function auditedIds(userId: string): Promise<Set<string>> {
  const response = await fetch(`${audit.function.url}/audit?limit=100`, { headers: { authorization: `Bearer ${await tokenFor(userId)}` } });
  if (response.status !== 200) return new Set();
  const page = (await response.json()) as { items: { eventId: string }[] };
  return new Set(page.items.map((item) => item.eventId));
}

async function waitUntilAudited(userId: string, ids: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const audited = await auditedIds(userId);
    if (ids.every((id) => audited.has(id))) return;
    if (Date.now() > deadline) throw new Error(`not audited within ${timeoutMs} ms: ${ids.filter((id) => !audited.has(id)).join(', ')}\ndaprd:\n${audit.daprd.output().slice(-3_000)}\naudit:\n${audit.function.output().slice(-3_000)}`);
    await sleep(250);
  }
}

/** The dead-letter records of `ids` once each is there; throws after `timeoutMs`. */
function deadLetters(ids: string[], timeoutMs = 60_000) {
  const wanted = new Set(ids);
  const idOf = (value: string | null) => (value ? (JSON.parse(value) as { id?: string }).id : undefined);
  return readTopic([kafkaBrokers()], 'audit-dead-letter', (record) => wanted.has(idOf(record.value) ?? ''), (records) => records.length >= wanted.size, timeoutMs);
}

describe('delivery by a real daprd to a function', () => {
  it('SUCCESS: an event published through the sidecar is processed once', async () => {
    const event = created('dapr-user-1');
    await bus.publish([event]);
    await waitUntilAudited('dapr-user-1', [event.id]);

    // The record daprd wrote: keyed by the partition key, and the same event to a KafkaSource (the
    // CloudEvents SDK's Kafka binding, which its deserializer implements), trace unchanged.
    const [record] = await readAll([kafkaBrokers()], 'task-events', (candidate) => candidate.value?.includes(event.id) === true);
    expect(record!.key).toBe(event.partitionkey);
    const message = { key: record!.key ?? '', value: record!.value, body: record!.value, headers: record!.headers };
    const decoded = Kafka.toEvent(message);
    expect(decoded).toMatchObject({ id: event.id, source: event.source, type: event.type, subject: event.subject, partitionkey: event.partitionkey, userid: event.userid, traceparent: event.traceparent, data: event.data });
  });

  it('DROP: an event the function will never accept goes to its dead-letter topic with where it came from', async () => {
    const broken = { ...created('dapr-user-2'), data: { task: { title: 42 } } };
    const response = await fetch(`${audit.daprd.url}/v1.0/publish/pubsub/task-events`, {
      method: 'POST',
      headers: audit.daprd.sidecar().headers({ 'content-type': 'application/cloudevents+json' }),
      body: JSON.stringify(broken),
    });
    expect(response.status).toBe(204);
    const [record] = await deadLetters([broken.id]);
    expect(record!.headers).toMatchObject({ __topic: 'task-events', pubsubName: 'pubsub' });
    expect(record!.headers.__offset).toMatch(/^\d+$/);
    expect(JSON.parse(record!.value!)).toMatchObject({ id: broken.id, source: broken.source, type: broken.type });
  });

  it('RETRY: an event that arrives while the database is down is processed once it is back', async () => {
    const event = created('dapr-user-3');
    await setup.database.cut();
    await bus.publish([event]);
    await sleep(4_000);
    setup.database.restore();
    await waitUntilAudited('dapr-user-3', [event.id], 90_000);
  });

  it('an outage longer than the retry budget loses nothing: every event is processed or dead-lettered, and replaying the dead letters completes the log', async () => {
    const userId = 'dapr-user-4';
    const events = Array.from({ length: 4 }, () => created(userId));
    const ids = events.map((event) => event.id);
    await setup.database.cut();
    await bus.publish(events);
    await sleep(60_000);
    setup.database.restore();

    const deadline = Date.now() + 120_000;
    let audited = new Set<string>();
    let lettered: ReadRecord[] = [];
    const idOf = (record: ReadRecord) => (JSON.parse(record.value!) as { id: string }).id;
    while (Date.now() < deadline) {
      audited = await auditedIds(userId);
      lettered = await readAll([kafkaBrokers()], 'audit-dead-letter', (record) => ids.includes(idOf(record)));
      const letteredIds = new Set(lettered.map(idOf));
      if (ids.every((id) => audited.has(id) || letteredIds.has(id))) break;
      await sleep(1_000);
    }
    const letteredIds = new Set(lettered.map(idOf));
    const lost = ids.filter((id) => !audited.has(id) && !letteredIds.has(id));
    expect(lost, `lost events; daprd said:\n${audit.daprd.output().slice(-4_000)}`).toEqual([]);
    // The outage outlasted the budget: at least the first event of a partition was dead-lettered.
    expect(lettered.length).toBeGreaterThan(0);

    // The operator replays the Dapr path's dead letters with the project's tool; the function takes
    // them now, and an event already audited is not recorded twice.
    const out: string[] = [];
    const code = await runDlq(['replay', 'audit', ...lettered.map((record) => `${record.partition}:${record.offset}`)], { brokers: [kafkaBrokers()], out: (line) => out.push(line), err: (line) => out.push(line) });
    expect(code, out.join('\n')).toBe(0);
    await waitUntilAudited(userId, ids, 60_000);
    const page = (await (await fetch(`${audit.function.url}/audit?limit=100`, { headers: { authorization: `Bearer ${await tokenFor(userId)}` } })).json()) as { items: { eventId: string }[] };
    expect(page.items.map((item) => item.eventId).sort()).toEqual([...ids].sort());
  });
});
