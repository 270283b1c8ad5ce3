import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyEvent } from '../events/catalog';
import type { Consumer } from '../events/consumer';
import { topicOf } from '../events/catalog';
import { deadLetterTopic } from '../events/topics';
import { processDelivery } from '../events/process-delivery';
import type { Logger } from '../log/logger';
import type { BusMetrics } from './bus-metrics';
import type { DeadLetter, EventBus } from './event-bus';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

export interface MemoryBusOptions {
  log: Logger;
  metrics?: BusMetrics;
  retry?: RetryPolicy;
  /** How many dead letters to keep for inspection. */
  keepDeadLetters?: number;
}

/**
 * The in-process bus of the one-process system, with the delivery rules of the real one: one
 * subscription per consumer function, the shared validation, retries with exponential backoff,
 * then the consumer's dead-letter topic. `publish` resolves when every subscriber has settled each
 * event, so an outbox row is only deleted once its consumers are done with it.
 */
export function createMemoryBus(options: MemoryBusOptions): EventBus & { deadLetters(): readonly DeadLetter[] } {
  const consumers: Consumer[] = [];
  const deadLetters: DeadLetter[] = [];
  const policy = options.retry ?? DEFAULT_RETRY;
  const keep = options.keepDeadLetters ?? 1_000;
  let closed = false;

  async function deliver(consumer: Consumer, event: AnyEvent): Promise<void> {
    const topic = topicOf(event.type);
    const log = options.log.child({ consumer: consumer.name, eventId: event.id, traceparent: event.traceparent });
    for (let attempt = 0; ; attempt++) {
      const outcome = await processDelivery(consumer, event, { log, attempt });
      options.metrics?.consumed(consumer.name, topic, outcome.kind);
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

  return {
    async publish(events) {
      if (closed) throw new Error('event bus is closed');
      for (const event of events) {
        const topic = topicOf(event.type);
        const subscribers = consumers.filter((consumer) => consumer.topics.includes(topic));
        await Promise.all(subscribers.map((consumer) => deliver(consumer, event)));
        options.metrics?.published(topic);
      }
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
  };
}
