import { randomUUID } from 'node:crypto';
import type { EventBus } from '../bus/event-bus';
import { backoffDelay, type RetryPolicy } from '../bus/retry-policy';
import type { Sql } from '../db/connect';
import type { AnyEvent } from '../events/catalog';
import type { Logger } from '../log/logger';
import type { OutboxBacklog } from '../metrics/outbox-backlog';
import { inSpan, SpanKind } from '../trace/spans';
import { publishWindow } from './publish-window';

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

interface OutboxRow {
  position: bigint;
  event: unknown;
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
  const window = publishWindow(bus);
  let running: Promise<void> | null = null;
  let again = false;
  /** Set while the drain waits for batches in flight: a commit wakes it to read what it wrote. */
  let onWake: (() => void) | undefined;
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

  /** Positions read and being published, and the highest of them. */
  const publishing = new Set<bigint>();
  let readUpTo = 0n;

  const rowsOf = (rows: { position: bigint; event: unknown }[]): OutboxRow[] => rows.map((row) => ({ position: BigInt(row.position), event: row.event }));

  /**
   * The next rows after those in flight. Caught up, it also looks below them for rows of a
   * transaction that took a lower position but committed after they were read.
   */
  async function readBatch(): Promise<{ rows: OutboxRow[] } | { retryInMs: number }> {
    const lease = await holdLease();
    if (!lease.held) return { retryInMs: lease.retryInMs };
    if (publishing.size === 0) readUpTo = 0n;
    const after = rowsOf(await sql`select position, event from ${outbox} where position > ${String(readUpTo)}::bigint order by position limit ${batchSize}`);
    if (publishing.size === 0 || after.length === batchSize) return { rows: after };
    const below = await sql<{ position: bigint }[]>`select position from ${outbox} where position <= ${String(readUpTo)}::bigint order by position`;
    const late = below.map((row) => BigInt(row.position)).filter((position) => !publishing.has(position)).slice(0, batchSize - after.length);
    if (late.length === 0) return { rows: after };
    const found = rowsOf(await sql`select position, event from ${outbox} where position = any(${`{${late.join(',')}}`}::text::bigint[]) order by position`);
    return { rows: [...found, ...after] };
  }

  async function publish(rows: readonly OutboxRow[]): Promise<void> {
    const events = rows.map((row) => row.event as AnyEvent);
    // A batch holds events of many traces: its span starts a trace of its own, linked to each event's.
    const span = { kind: SpanKind.PRODUCER, parent: null, links: events.map((event) => event.traceparent), attributes: { 'messaging.operation.type': 'send', 'messaging.batch.message_count': events.length, 'db.namespace': schema } };
    await inSpan('publish outbox', span, () => bus.publish(events));
    // Exactly the rows published: a transaction that took a lower position but committed after this
    // read is not in `rows`, and a range delete (position <= last) would drop its events unpublished.
    await sql`delete from ${outbox} where position = any(${`{${rows.map((row) => String(row.position)).join(',')}}`}::text::bigint[])`;
  }

  /**
   * Publishes batch after batch until the outbox is empty, with up to `window` batches in flight
   * (one unless the bus keeps each key's order across overlapping publishes). After a failure no
   * new batch starts; the rows of every unfinished batch stay for the retry.
   */
  async function drainBatches(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    try {
      while (!stopped && !failure) {
        if (inFlight.size >= window) {
          await Promise.race(inFlight);
          continue;
        }
        const batch = await readBatch();
        if ('retryInMs' in batch) {
          scheduleRetry(batch.retryInMs);
          break;
        }
        if (batch.rows.length === 0) {
          if (inFlight.size === 0) break;
          // Caught up: read again once a batch is done or a commit wrote more.
          if (!again) await Promise.race([...inFlight, new Promise<void>((resolve) => (onWake = resolve))]);
          onWake = undefined;
          again = false;
          continue;
        }
        const { rows } = batch;
        for (const row of rows) publishing.add(row.position);
        for (const row of rows) if (row.position > readUpTo) readUpTo = row.position;
        const job: Promise<void> = publish(rows)
          .then(() => void (failures = 0), (error: unknown) => void (failure ??= { error }))
          .finally(() => {
            inFlight.delete(job);
            for (const row of rows) publishing.delete(row.position);
          });
        inFlight.add(job);
      }
    } finally {
      await Promise.all(inFlight);
    }
    if (failure) throw failure.error;
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
        await drainBatches();
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
        onWake?.();
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
