import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyEvent } from '../events/catalog';
import type { Consumer } from '../events/consumer';
import { topicOf } from '../events/catalog';
import { deadLetterTopic } from '../events/topics';
import { processDelivery } from '../events/process-delivery';
import { lazyChild } from '../log/lazy-child';
import type { Logger } from '../log/logger';
import { type RunInBackground, runAtOnce } from './background-gate';
import type { BusMetrics } from './bus-metrics';
import { deadlineWaits } from './deadline-waits';
import type { DeadLetter, EventBus } from './event-bus';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

export interface MemoryBusOptions {
  log: Logger;
  metrics?: BusMetrics;
  retry?: RetryPolicy;
  /** How many dead letters to keep for inspection. */
  keepDeadLetters?: number;
  /** Partition keys delivered at the same time to one consumer (default 1,024: several outbox batches at once, so a consumer's group commit takes a burst in large transactions; the Kafka bus consumes 12 partitions at a time). */
  lanes?: number;
  /** Runs each delivery attempt; the one-process system on the embedded database lets requests go first (background-gate.ts). */
  background?: RunInBackground;
  /** How long a bookkeeping consumer's delivery may wait, from its publish, for the other consumers' (default 2 s). */
  bookkeepingMaxDelayMs?: number;
}

/** Publishes an outbox relay may have in flight; bounds what waits in memory for a slow consumer. */
const OVERLAPPING_PUBLISHES = 64;
const BOOKKEEPING_MAX_DELAY_MS = 2_000;

type Lanes = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs at most `size` pieces of work at a time, the others in the order they came. */
function lanesOf(size: number): Lanes {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy--;
    }
  };
}

/**
 * The in-process bus of the one-process system, with the delivery rules of the real one: one
 * subscription per consumer function, the shared validation, retries with exponential backoff,
 * then the consumer's dead-letter topic. Like Kafka partitions, events with the same partition key
 * reach a consumer in order, and up to `lanes` keys are delivered at the same time; each consumer
 * goes at its own pace. `publish` resolves when every subscriber has settled each event, so an
 * outbox row is only deleted once its consumers are done with it.
 */
export function createMemoryBus(options: MemoryBusOptions): EventBus & { deadLetters(): readonly DeadLetter[]; overlappingPublishes: number } {
  const consumers: Consumer[] = [];
  const deadLetters: DeadLetter[] = [];
  const policy = options.retry ?? DEFAULT_RETRY;
  const keep = options.keepDeadLetters ?? 1_000;
  const lanes = options.lanes ?? 1_024;
  const background = options.background ?? runAtOnce;
  const bookkeepingMaxDelayMs = options.bookkeepingMaxDelayMs ?? BOOKKEEPING_MAX_DELAY_MS;
  let closed = false;

  async function deliver(consumer: Consumer, event: AnyEvent): Promise<void> {
    const topic = topicOf(event.type);
    const log = lazyChild(options.log, { consumer: consumer.name, eventId: event.id, traceparent: event.traceparent });
    const run = consumer.awaitedByRequests ? runAtOnce : background;
    for (let attempt = 0; ; attempt++) {
      const outcome = await run(() => processDelivery(consumer, event, { log, attempt }));
      options.metrics?.consumed({ transport: 'memory', consumer: consumer.name, type: event.type, topic, outcome: outcome.kind });
      if (outcome.kind === 'ack') return;
      const lastTry = outcome.kind === 'drop' || attempt + 1 >= policy.maxAttempts || closed;
      if (lastTry) {
        deadLetters.push({ consumer: consumer.name, topic, reason: outcome.reason, attempts: attempt + 1, event, at: new Date().toISOString() });
        if (deadLetters.length > keep) deadLetters.shift();
        options.metrics?.deadLettered(consumer.name, topic);
        log.error({ deadLetterTopic: deadLetterTopic(consumer.name), reason: outcome.reason, attempts: attempt + 1 }, 'event dead-lettered');
        return;
      }
      await sleep(backoffDelay(policy, attempt));
    }
  }

  // Deliveries someone waits for (an in-app notification, the next occurrence), queued or running: a
  // bookkeeping consumer's (audit, stats) go after them, each at most `bookkeepingMaxDelayMs` after
  // its publish, so a burst of reminders is notified before it is audited, and audit never starves.
  let awaited = 0;
  const waits = deadlineWaits();
  const awaitedSettled = () => {
    if (--awaited === 0) waits.wakeAll();
  };
  const afterAwaited = (deadline: number): Promise<void> => (awaited === 0 ? Promise.resolve() : waits.until(deadline));

  /** Per consumer: the last delivery queued for each partition key, and its lanes. */
  const queues = new Map<Consumer, { tails: Map<string, Promise<void>>; run: Lanes }>();

  function queueOf(consumer: Consumer) {
    let queue = queues.get(consumer);
    if (!queue) queues.set(consumer, (queue = { tails: new Map(), run: lanesOf(lanes) }));
    return queue;
  }

  // A key's events wait for that key's events of earlier publishes to this consumer, so publishes
  // may overlap (an outbox relay need not wait for its slowest consumer) without reordering a key.
  async function deliverAll(consumer: Consumer, events: readonly AnyEvent[]): Promise<void> {
    const byKey = new Map<string, AnyEvent[]>();
    for (const event of events) {
      // An invalid event may lack its key; it is dead-lettered on its own.
      const key = (event.partitionkey as string | undefined) ?? event.id;
      const queue = byKey.get(key);
      if (queue) queue.push(event);
      else byKey.set(key, [event]);
    }
    const { tails, run } = queueOf(consumer);
    const deadline = Date.now() + bookkeepingMaxDelayMs;
    if (!consumer.bookkeeping) awaited += events.length;
    const done = [...byKey].map(([key, keyed]) => {
      const inTurn = () =>
        run(async () => {
          for (const event of keyed) {
            if (consumer.bookkeeping) await afterAwaited(deadline);
            try {
              await deliver(consumer, event);
            } finally {
              if (!consumer.bookkeeping) awaitedSettled();
            }
          }
        });
      const tail = (tails.get(key) ?? Promise.resolve()).then(inTurn, inTurn);
      tails.set(key, tail);
      const forget = () => {
        if (tails.get(key) === tail) tails.delete(key);
      };
      tail.then(forget, forget);
      return tail;
    });
    await Promise.all(done);
  }

  return {
    async publish(events) {
      if (closed) throw new Error('event bus is closed');
      const topics = events.map((event) => topicOf(event.type));
      await Promise.all(consumers.map((consumer) => deliverAll(consumer, events.filter((_, index) => consumer.topics.includes(topics[index]!)))));
      for (const topic of topics) options.metrics?.published(topic);
    },
    subscribe(consumer) {
      if (consumers.some((existing) => existing.name === consumer.name)) throw new Error(`consumer ${consumer.name} already subscribed`);
      consumers.push(consumer);
    },
    isReady: async () => !closed,
    close: async () => {
      closed = true;
    },
    deadLetters: () => deadLetters,
    // Each key keeps its order across publishes in flight: an outbox relay may run this many at once.
    overlappingPublishes: OVERLAPPING_PUBLISHES,
  };
}
