import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/** One Kafka record as a consumer sees it. */
export interface KafkaRecord {
  key: string | null;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}

/**
 * Reads `topic` from the beginning with a fresh consumer group until a record whose value has each
 * of `ids` as its `id` has arrived (or `timeoutMs` passes); returns them by id.
 */
export async function readRecords(brokers: string, topic: string, ids: string[], timeoutMs = 60_000): Promise<Map<string, KafkaRecord>> {
  const kafka = new Kafka({ clientId: 'dapr-sdk-bench', brokers: [brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `dapr-sdk-bench-${randomBytes(4).toString('hex')}` });
  const found = new Map<string, KafkaRecord>();
  let done: () => void = () => {};
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown> | null;
        const id = typeof value?.id === 'string' ? value.id : undefined;
        if (!value || !id || !ids.includes(id)) return;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
        found.set(id, { key: message.key?.toString() ?? null, headers, value });
        if (ids.every((wanted) => found.has(wanted))) done();
      },
    });
    await Promise.race([complete, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  } finally {
    await consumer.disconnect();
  }
  return found;
}
