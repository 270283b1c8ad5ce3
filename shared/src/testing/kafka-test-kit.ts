import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { headerStrings } from '../bus/kafka-record';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads `topic` from the beginning with a fresh consumer group until `done(records)` holds for the
 * records `keep` accepted (or `timeoutMs` passes, which throws).
 */
export async function readTopic(brokers: string[], topic: string, keep: (record: ReadRecord) => boolean, done: (records: ReadRecord[]) => boolean, timeoutMs = 60_000): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const record = { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headerStrings(message.headers) };
        if (keep(record)) records.push(record);
        if (done(records)) finish();
      },
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${topic}: wanted records not read within ${timeoutMs} ms (kept ${records.length})`)), timeoutMs).unref());
    await Promise.race([finished, timeout]);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Every record `topic` holds now (up to each partition's end offset when called) that `keep` accepts. */
export async function readAll(brokers: string[], topic: string, keep: (record: ReadRecord) => boolean = () => true, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Set(ends.filter((end) => end.high !== end.low).map((end) => end.partition));
  const last = new Map(ends.map((end) => [end.partition, BigInt(end.high) - 1n]));
  if (remaining.size === 0) return [];
  const records: ReadRecord[] = [];
  await readTopic(
    brokers,
    topic,
    (record) => {
      if (BigInt(record.offset) >= last.get(record.partition)!) remaining.delete(record.partition);
      return keep(record);
    },
    () => remaining.size === 0,
    timeoutMs,
  ).then((kept) => records.push(...kept));
  return records;
}
