import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

/** A kafkajs producer that connects on first use and starts afresh after a failed send. */
export interface KafkaSender {
  /** Resolves once the broker acknowledged every message (acks from all in-sync replicas). */
  send(batch: readonly TopicMessages[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * An idempotent producer (one request in flight per broker, so retries neither duplicate nor
 * reorder records of a partition) with the Java client's partitioner (murmur2 of the key), so a key
 * lands on the same partition as from any other Kafka client.
 */
export function createKafkaSender(kafka: Kafka): KafkaSender {
  let producer: Producer | null = null;
  let connecting: Promise<Producer> | null = null;
  let closed = false;

  function connected(): Promise<Producer> {
    connecting ??= (async () => {
      const fresh = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      try {
        await fresh.connect();
      } catch (error) {
        await fresh.disconnect().catch(() => {});
        throw error;
      }
      producer = fresh;
      return fresh;
    })().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  }

  async function reset(): Promise<void> {
    const broken = producer;
    producer = null;
    connecting = null;
    await broken?.disconnect().catch(() => {});
  }

  return {
    async send(batch) {
      if (closed) throw new Error('the Kafka producer is closed');
      const ready = await connected();
      try {
        await ready.sendBatch({ acks: -1, topicMessages: batch.map((entry) => ({ topic: entry.topic, messages: entry.messages })) });
      } catch (error) {
        await reset();
        throw error;
      }
    },
    async close() {
      closed = true;
      await connecting?.catch(() => null);
      await reset();
    },
  };
}
