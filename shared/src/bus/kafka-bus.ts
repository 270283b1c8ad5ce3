import type { Admin } from 'kafkajs';
import type { AnyEvent } from '../events/catalog';
import { topicOf } from '../events/catalog';
import type { Consumer } from '../events/consumer';
import { decodeHttpEvent } from '../events/decode-http';
import { drop, type Outcome } from '../events/outcome';
import { processDelivery } from '../events/process-delivery';
import { deadLetterTopic } from '../events/topics';
import { lazyChild } from '../log/lazy-child';
import type { Logger } from '../log/logger';
import { inSpan, SpanKind } from '../trace/spans';
import type { BusMetrics } from './bus-metrics';
import type { EventBus } from './event-bus';
import { createKafkaClient } from './kafka-client';
import { type ConsumerLoop, startConsumerLoop } from './kafka-consumer-loop';
import { createKafkaSender, type TopicMessages } from './kafka-producer';
import { eventToRecord, type IncomingRecord, recordToHttp } from './kafka-record';
import type { KafkaConsumeMode } from './kafka-url';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

export interface KafkaBusOptions {
  brokers: string[];
  consume: KafkaConsumeMode;
  /** The Kafka client id (the service name). */
  clientId: string;
  log: Logger;
  metrics?: BusMetrics;
  retry?: RetryPolicy;
}

export interface KafkaBus extends EventBus {
  /** Resolves once every in-process consumer group has been joined (at once in `http` mode). */
  joined(): Promise<void>;
}

const READY_CACHE_MS = 1_000;
const READY_TIMEOUT_MS = 2_000;

/**
 * The event bus on Kafka. `publish` writes each event in the CloudEvents Kafka binding (binary mode,
 * key = `partitionkey`) to its topic with an idempotent producer and resolves once the broker
 * acknowledged them all; it rejects while the broker is unreachable, so the outbox keeps the events.
 * `subscribe` in `in-process` mode runs one consumer group per consumer (named after it) with the
 * shared validation, retries and the consumer's dead-letter topic; in `http` mode it only records the
 * consumer, because KafkaSource (or the local dispatcher) pushes the records to `POST /events`.
 */
export function createKafkaBus(options: KafkaBusOptions): KafkaBus {
  const { log } = options;
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: options.clientId, log });
  const sender = createKafkaSender(kafka);
  const names = new Set<string>();
  const loops: ConsumerLoop[] = [];
  const retry = options.retry ?? DEFAULT_RETRY;
  let admin: Admin | null = null;
  let readiness: { at: number; ready: Promise<boolean> } | null = null;
  let closed = false;

  async function deliverInProcess(consumer: Consumer, record: IncomingRecord, attempt: number): Promise<Outcome> {
    const decoded = decodeHttpEvent(recordToHttp(record, { namespace: 'local', sourceName: consumer.name }));
    const context = { log: lazyChild(log, { consumer: consumer.name, topic: record.topic, partition: record.partition, offset: record.offset }), attempt };
    if (!decoded.ok) return drop(decoded.reason);
    return processDelivery(consumer, decoded.event, context);
  }

  async function brokerAnswers(): Promise<boolean> {
    admin ??= kafka.admin();
    const probe = admin.connect().then(() => admin!.describeCluster());
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref());
    return Promise.race([probe, timeout]).then(
      (cluster) => cluster.brokers.length > 0,
      () => false,
    );
  }

  return {
    async publish(events: readonly AnyEvent[]) {
      if (closed) throw new Error('event bus is closed');
      const batches = new Map<string, TopicMessages>();
      for (const event of events) {
        const topic = topicOf(event.type);
        const batch = batches.get(topic) ?? { topic, messages: [] };
        batch.messages.push(eventToRecord(event));
        batches.set(topic, batch);
      }
      if (batches.size === 0) return;
      const topics = [...batches.keys()];
      // Each record keeps its event's `traceparent` (ce_traceparent): its consumer's span is that event's child, not this send's.
      const span = { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': topics.join(','), 'messaging.batch.message_count': events.length } };
      await inSpan(`send ${topics.join(',')}`, span, () => sender.send([...batches.values()]));
      for (const event of events) options.metrics?.published(topicOf(event.type));
    },
    subscribe(consumer) {
      if (names.has(consumer.name)) throw new Error(`consumer ${consumer.name} already subscribed`);
      names.add(consumer.name);
      if (options.consume !== 'in-process') return;
      loops.push(
        startConsumerLoop({
          kafka,
          groupId: consumer.name,
          topics: consumer.topics,
          deliver: (record, attempt) => deliverInProcess(consumer, record, attempt),
          deadLetterTopic: deadLetterTopic(consumer.name),
          sender,
          retry,
          log: log.child({ consumer: consumer.name }),
          ...(options.metrics ? { metrics: options.metrics } : {}),
        }),
      );
    },
    async isReady() {
      if (closed) return false;
      const now = Date.now();
      if (!readiness || now - readiness.at > READY_CACHE_MS) readiness = { at: now, ready: brokerAnswers() };
      return readiness.ready;
    },
    async joined() {
      await Promise.all(loops.map((loop) => loop.joined()));
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(loops.map((loop) => loop.stop()));
      await sender.close();
      await admin?.disconnect().catch(() => {});
    },
  };
}
