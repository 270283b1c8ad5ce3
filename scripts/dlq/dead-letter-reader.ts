import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { IncomingRecord } from '#shared/bus/kafka-record';
import { DEAD_LETTER_SUFFIX } from './dead-letter-record';

/** Every `*-dead-letter` topic on the brokers, by name. */
export async function deadLetterTopics(kafka: Kafka): Promise<string[]> {
  return withAdmin(kafka, async (admin) => (await admin.listTopics()).filter((topic) => topic.endsWith(DEAD_LETTER_SUFFIX)).sort());
}

/** The names in `topics` the brokers do not have. */
export async function missingTopics(kafka: Kafka, topics: readonly string[]): Promise<string[]> {
  const existing = new Set(await withAdmin(kafka, (admin) => admin.listTopics()));
  return topics.filter((topic) => !existing.has(topic));
}

/**
 * Every record of `topics` up to the end offsets they had when called, in topic, partition and
 * offset order. It reads as a throwaway consumer group that never commits and is deleted afterwards,
 * so no consumer's position moves, and it ends even while new dead letters keep arriving.
 */
export async function readRecords(kafka: Kafka, topics: readonly string[], timeoutMs = 60_000): Promise<IncomingRecord[]> {
  const ends = new Map<string, bigint>();
  await withAdmin(kafka, async (admin) => {
    for (const topic of topics) {
      for (const end of await admin.fetchTopicOffsets(topic)) if (end.high !== end.low) ends.set(`${topic}/${end.partition}`, BigInt(end.high));
    }
  });
  if (ends.size === 0) return [];

  const groupId = `dlq-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  const records: IncomingRecord[] = [];
  const unread = new Set(ends.keys());
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((key) => key.slice(0, key.lastIndexOf('/'))))], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`did not reach the end of ${[...unread].join(', ')} within ${timeoutMs / 1000} s`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const key = `${topic}/${partition}`;
            const end = ends.get(key);
            if (end === undefined || BigInt(message.offset) >= end) return;
            records.push({ topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp });
            if (BigInt(message.offset) + 1n >= end) unread.delete(key);
            if (unread.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => {});
  }
  return records.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

async function withAdmin<T>(kafka: Kafka, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}
