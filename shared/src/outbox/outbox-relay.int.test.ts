import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../bus/event-bus';
import type { Sql } from '../db/connect';
import { migrate } from '../db/migrate';
import { metricsRoute } from '../http/health';
import { createMetrics } from '../metrics/metrics';
import type { AnyEvent } from '../events/catalog';
import { aTask, aTaskCreated, eventContext } from '../testing/event-fixtures';
import { testSql, uniqueSchema } from '../testing/test-database';
import { appendToOutbox } from './outbox';
import { startOutboxRelay } from './outbox-relay';

const log = pino({ level: 'silent' });
const fastRetry = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 5, maxDelayMs: 20 };

/** A bus whose broker can be switched off: publish rejects while it is down, like a Kafka outage. */
function switchableBus() {
  const published: AnyEvent[] = [];
  let up = true;
  const bus: EventBus = {
    publish: async (events) => {
      if (!up) throw new Error('broker unavailable');
      published.push(...events);
    },
    subscribe: () => {},
    isReady: async () => up,
    close: async () => {},
  };
  return { bus, published, setUp: (value: boolean) => (up = value) };
}

function eventsFor(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => aTaskCreated(aTask(), eventContext({ newId: () => `${prefix}-${i}` })));
}

let sql: Sql;
let schema: string;
beforeAll(async () => {
  sql = testSql();
  schema = uniqueSchema('outbox');
  await migrate(sql, { schema, folder: new URL('./no-migrations/', import.meta.url) });
});
afterAll(async () => {
  await sql.unsafe(`drop schema ${schema} cascade`);
  await sql.end();
});

/** A bus taking up to 4 overlapping publishes, whose first publish waits until `release()`; `started` lists each publish's event ids. */
function firstPublishHeldBus() {
  const started: string[][] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const bus: EventBus & { overlappingPublishes: number } = {
    overlappingPublishes: 4,
    publish: async (events) => {
      started.push(events.map((event) => event.id));
      if (started.length === 1) await released;
    },
    subscribe: () => {},
    isReady: async () => true,
    close: async () => {},
  };
  return { bus, started, release: () => release() };
}

describe('the outbox relay', () => {
  it('publishes committed events in commit order and empties the outbox', async () => {
    const { bus, published } = switchableBus();
    const relay = startOutboxRelay({ sql, schema, bus, log, batchSize: 7, retry: fastRetry });
    const events = eventsFor(20, 'ordered');
    for (const event of events) await sql.begin((tx) => appendToOutbox(tx, schema, [event]));
    relay.wake();
    await relay.idle();
    expect(published.map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(await relay.pending()).toBe(0);
    await relay.stop();
  });

  it('keeps publishing the next batches while one waits on a bus that takes overlapping publishes, and deletes each batch once it is accepted', async () => {
    const { bus, started, release } = firstPublishHeldBus();
    const events = eventsFor(9, 'window');
    await sql.begin((tx) => appendToOutbox(tx, schema, events));
    const relay = startOutboxRelay({ sql, schema, bus, log, batchSize: 3, retry: fastRetry });

    await expect.poll(() => started.length).toBe(3);
    // The first batch is still being published: only its rows are left.
    await expect.poll(() => relay.pending()).toBe(3);
    release();
    await relay.idle();
    expect(started.flat()).toEqual(events.map((event) => event.id));
    expect(await relay.pending()).toBe(0);
    await relay.stop();
  });

  it('publishes a row committed late below the batches in flight', async () => {
    const { bus, started, release } = firstPublishHeldBus();
    await sql.begin((tx) => appendToOutbox(tx, schema, eventsFor(2, 'early')));
    const relay = startOutboxRelay({ sql, schema, bus, log, batchSize: 5, retry: fastRetry });
    await expect.poll(() => started.length).toBe(1);
    // A transaction that took its position before those rows and committed after they were read.
    const [lowest] = await sql<{ position: string }[]>`select min(position)::text as position from ${sql(`${schema}.outbox`)}`;
    const [late] = eventsFor(1, 'late');
    await sql`insert into ${sql(`${schema}.outbox`)} (position, event_id, event) values (${lowest!.position}::bigint - 1, ${late!.id}, ${JSON.stringify(late)}::text::jsonb)`;
    relay.wake();
    await expect.poll(() => started.flat()).toEqual(['early-0', 'early-1', 'late-0']);
    release();
    await relay.idle();
    expect(await relay.pending()).toBe(0);
    await relay.stop();
  });

  it('never publishes the events of a rolled-back change', async () => {
    const { bus, published } = switchableBus();
    const relay = startOutboxRelay({ sql, schema, bus, log, retry: fastRetry });
    await expect(
      sql.begin(async (tx) => {
        await appendToOutbox(tx, schema, eventsFor(1, 'rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    relay.wake();
    await relay.idle();
    expect(published.filter((event) => event.id.startsWith('rolled-back'))).toEqual([]);
    await relay.stop();
  });

  it('keeps events while the bus is down and sends them all, in order, once it is back', async () => {
    const { bus, published, setUp } = switchableBus();
    setUp(false);
    const relay = startOutboxRelay({ sql, schema, bus, log, retry: fastRetry });
    const events = eventsFor(10, 'outage');
    for (const event of events) {
      await sql.begin((tx) => appendToOutbox(tx, schema, [event]));
      relay.wake();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toEqual([]);
    expect(await relay.pending()).toBe(10);
    const metrics = createMetrics('outbox-test');
    metrics.outboxBacklog.watch(schema, () => relay.backlog());
    const scrape = async () => (await (await metricsRoute(metrics).request('/metrics')).text()).split('\n');
    const age = (lines: string[]) => Number(lines.find((line) => line.startsWith(`outbox_oldest_pending_age_seconds{schema="${schema}"`))?.split(' ')[1]);
    const during = await scrape();
    expect(during).toContain(`outbox_pending_events{schema="${schema}",service="outbox-test"} 10`);
    expect(age(during)).toBeGreaterThanOrEqual(0.1);
    setUp(true);
    await expect.poll(() => published.length, { timeout: 5_000 }).toBe(10);
    expect(published.map((event) => event.id)).toEqual(events.map((event) => event.id));
    // The relay deletes what it published right after the publish: wait for it rather than race it.
    await expect.poll(() => relay.pending(), { timeout: 5_000 }).toBe(0);
    const after = await scrape();
    expect(after).toContain(`outbox_pending_events{schema="${schema}",service="outbox-test"} 0`);
    expect(age(after)).toBe(0);
    await relay.stop();
  });

  it("takes over a crashed relay's lease as soon as it expires", async () => {
    const successor = switchableBus();
    await sql.unsafe(
      `insert into ${schema}.outbox_lease (name, holder, expires_at) values ('relay', 'crashed', now() + interval '1 second')
       on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at`,
    );
    await sql.begin((tx) => appendToOutbox(tx, schema, eventsFor(2, 'orphan')));
    const started = Date.now();

    const relay = startOutboxRelay({ sql, schema, bus: successor.bus, log, retry: fastRetry });

    await expect.poll(() => successor.published.map((e) => e.id), { timeout: 5_000 }).toEqual(['orphan-0', 'orphan-1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await relay.stop();
  });

  it('lets one relay drain at a time, and a stopped relay hands over at once', async () => {
    const first = switchableBus();
    const second = switchableBus();
    const relayA = startOutboxRelay({ sql, schema, bus: first.bus, log, retry: fastRetry });
    await relayA.idle();
    const relayB = startOutboxRelay({ sql, schema, bus: second.bus, log, retry: fastRetry });
    await relayB.idle();
    await sql.begin((tx) => appendToOutbox(tx, schema, eventsFor(3, 'lease')));
    relayB.wake();
    await relayB.idle();
    expect(second.published).toEqual([]);
    relayA.wake();
    await relayA.idle();
    expect(first.published.map((e) => e.id)).toEqual(['lease-0', 'lease-1', 'lease-2']);

    await relayA.stop();
    await sql.begin((tx) => appendToOutbox(tx, schema, eventsFor(1, 'handover')));
    relayB.wake();
    await relayB.idle();
    expect(second.published.map((e) => e.id)).toEqual(['handover-0']);
    await relayB.stop();
  });
});
