import { setTimeout as sleep } from 'node:timers/promises';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { type ConsumerLoop, startConsumerLoop } from '#shared/bus/kafka-consumer-loop';
import { createKafkaSender } from '#shared/bus/kafka-producer';
import type { RetryPolicy } from '#shared/bus/retry-policy';
import { deadLetterTopic } from '#shared/events/topics';
import type { SenderTokenSigner } from '#shared/events/sender-token';
import type { Logger } from '#shared/log/logger';
import { eventsAudience } from './dispatch-identity';
import { httpDelivery } from './http-delivery';

/** A function the dispatcher feeds: its name (= consumer group) and base URL. */
export interface DispatchTarget {
  name: string;
  url: string;
}

export interface DispatcherOptions {
  brokers: string[];
  targets: readonly DispatchTarget[];
  /** Signs each delivery's token, for the target's audience. */
  signer: SenderTokenSigner;
  log: Logger;
  /** As the cluster's KafkaSource `delivery`: 8 retries, exponential from 0.5 s (about two minutes in all). */
  retry?: RetryPolicy;
  timeoutMs?: number;
}

export interface Dispatcher {
  /** Resolves once every target's consumer group has been joined. */
  joined(): Promise<void>;
  stop(): Promise<void>;
}

export const KAFKA_SOURCE_RETRY: RetryPolicy = { maxAttempts: 9, baseDelayMs: 500, maxDelayMs: 64_000 };

/**
 * The local stand-in for the cluster's KafkaSources: one consumer group per function, named after it,
 * reading the topics the function subscribes to (its `GET /dapr/subscribe`, asked until it answers) and
 * posting every record to the function's `POST /events` as KafkaSource does, with its retry rules and
 * the function's dead-letter topic.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'dispatcher', log: options.log });
  const sender = createKafkaSender(kafka);
  const abort = new AbortController();
  const retryPolicy = options.retry ?? KAFKA_SOURCE_RETRY;

  const loops = options.targets.map(async (target): Promise<ConsumerLoop | null> => {
    const log = options.log.child({ target: target.name });
    const topics = await subscribedTopics(target, log, abort.signal);
    if (!topics) return null;
    log.info({ topics }, 'dispatching');
    return startConsumerLoop({
      kafka,
      groupId: target.name,
      topics,
      deliver: httpDelivery({
        url: `${target.url}/events`,
        timeoutMs: options.timeoutMs ?? 60_000,
        sourceName: target.name,
        authorization: async () => `Bearer ${await options.signer.tokenFor(eventsAudience(target.name))}`,
      }),
      deadLetterTopic: deadLetterTopic(target.name),
      sender,
      retry: retryPolicy,
      log,
    });
  });

  return {
    async joined() {
      await Promise.all(loops.map(async (loop) => (await loop)?.joined()));
    },
    async stop() {
      abort.abort();
      await Promise.all(loops.map(async (loop) => (await loop)?.stop()));
      await sender.close();
    },
  };
}

/** The topics of the function's subscription, asked until it answers or the dispatcher stops. */
async function subscribedTopics(target: DispatchTarget, log: Logger, signal: AbortSignal): Promise<string[] | null> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const response = await fetch(`${target.url}/dapr/subscribe`, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
      if (response.ok) {
        const subscriptions = (await response.json()) as { topic: string }[];
        return [...new Set(subscriptions.map((subscription) => subscription.topic))];
      }
      log.warn({ status: response.status }, 'the function has no subscription route');
    } catch {
      if (attempt % 20 === 19) log.warn('the function does not answer yet; still waiting');
    }
    await sleep(500, undefined, { signal }).catch(() => {});
  }
  return null;
}
