import { randomUUID } from 'node:crypto';
import type { EventBus } from '../bus/event-bus';
import { backoffDelay, type RetryPolicy } from '../bus/retry-policy';
import type { Sql } from '../db/connect';
import type { AnyEvent } from '../events/catalog';
import type { Logger } from '../log/logger';
import type { OutboxBacklog } from '../metrics/outbox-backlog';
import { inSpan, SpanKind } from '../trace/spans';

export interface OutboxRelay {
  /** Drains now (call after each commit that wrote to the outbox). */
  wake(): void;
  /** Resolves when the outbox is empty or the relay is stopped. */
  idle(): Promise<void>;
  stop(): Promise<void>;
  pending(): Promise<number>;
  /** How many events wait and how long the oldest has waited. */
  backlog(): Promise<OutboxBacklog>;
}

export interface OutboxRelayOptions {
  sql: Sql;
  schema: string;
  bus: EventBus;
  log: Logger;
  batchSize?: number;
  retry?: RetryPolicy;
  /** How long the lease outlives its holder's last renewal (a crashed relay's successor waits at most this). */
  leaseSeconds?: number;
}

const LEASE_SECONDS = 6;
const RELAY_RETRY: RetryPolicy = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Publishes committed outbox rows in commit order and deletes them once the bus accepted them.
 * One relay drains a schema at a time (a lease row), so order holds across replicas. While the
 * bus is down it backs off and retries; nothing is lost and nothing of a rolled-back change exists.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { sql, schema, bus, log } = options;
  const batchSize = options.batchSize ?? 200;
  const retry = options.retry ?? RELAY_RETRY;
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  const holder = `${process.pid}-${randomUUID()}`;
  const outbox = sql(`${schema}.outbox`);
  const lease = sql(`${schema}.outbox_lease`);

  /** Until when (this process's clock) the lease is surely this relay's: it was renewed less than a third of its length ago. */
  let surelyHeldUntil = 0;

  async function holdLease(): Promise<{ held: boolean; retryInMs: number }> {
    if (Date.now() < surelyHeldUntil) return { held: true, retryInMs: 0 };
    const asked = Date.now();
    const [row] = await sql`
      insert into ${lease} (name, holder, expires_at) values ('relay', ${holder}, now() + make_interval(secs => ${leaseSeconds}))
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where ${lease}.holder = excluded.holder or ${lease}.expires_at < now()
      returning holder`;
    surelyHeldUntil = row ? asked + (leaseSeconds * 1_000) / 3 : 0;
    if (row) return { held: true, retryInMs: 0 };
    // Another relay holds it: try again right after it expires, unless that relay renews it.
    const [left] = await sql<{ ms: number }[]>`select greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ms from ${lease} where name = 'relay'`;
    return { held: false, retryInMs: (left?.ms ?? 0) + 50 };
  }

  async function readBatch(): Promise<{ rows: { position: unknown; event: unknown }[] } | { retryInMs: number }> {
    const lease = await holdLease();
    if (!lease.held) return { retryInMs: lease.retryInMs };
    return { rows: await sql<{ position: unknown; event: unknown }[]>`select position, event from ${outbox} order by position limit ${batchSize}` };
  }

  async function drainOnce(): Promise<number> {
    const batch = await readBatch();
    if ('retryInMs' in batch) {
      scheduleRetry(batch.retryInMs);
      return 0;
    }
    const { rows } = batch;
    if (rows.length === 0) return 0;
    const events = rows.map((row) => row.event as AnyEvent);
    // A batch holds events of many traces: its span starts a trace of its own, linked to each event's.
    const span = { kind: SpanKind.PRODUCER, parent: null, links: events.map((event) => event.traceparent), attributes: { 'messaging.operation.type': 'send', 'messaging.batch.message_count': events.length, 'db.namespace': schema } };
    await inSpan('publish outbox', span, () => bus.publish(events));
    // Exactly the rows published: a transaction that took a lower position but committed after this
    // read is not in `rows`, and a range delete (position <= last) would drop its events unpublished.
    await sql`delete from ${outbox} where position = any(${`{${rows.map((row) => String(row.position)).join(',')}}`}::text::bigint[])`;
    return rows.length;
  }

  function scheduleRetry(delayMs: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => relay.wake(), delayMs);
    retryTimer.unref();
  }

  async function drain(): Promise<void> {
    // A publish can take longer than the lease (the in-process bus waits for every consumer): renew it meanwhile.
    const renewal = setInterval(() => void holdLease().catch(() => {}), (leaseSeconds * 1_000) / 3);
    renewal.unref();
    try {
      await drainWhileWoken();
    } finally {
      clearInterval(renewal);
    }
  }

  async function drainWhileWoken(): Promise<void> {
    do {
      again = false;
      try {
        while (!stopped && (await drainOnce()) > 0) failures = 0;
        failures = 0;
      } catch (error) {
        failures++;
        const delay = backoffDelay(retry, Math.min(failures, 20));
        log.warn({ err: error, schema, failures, retryInMs: delay }, 'outbox publish failed; will retry');
        scheduleRetry(delay);
        return;
      }
    } while (again && !stopped);
  }

  const relay: OutboxRelay = {
    wake() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = drain().finally(() => {
        running = null;
        if (again) relay.wake();
      });
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await relay.idle();
      await sql`delete from ${lease} where holder = ${holder}`.catch(() => {});
    },
    async pending() {
      return (await relay.backlog()).pending;
    },
    async backlog() {
      const [row] = await sql<OutboxBacklog[]>`
        select count(*)::int as pending, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as "oldestAgeSeconds" from ${outbox}`;
      return row ?? { pending: 0, oldestAgeSeconds: 0 };
    },
  };
  relay.wake();
  return relay;
}
