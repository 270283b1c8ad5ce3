import { randomBytes, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { createKafkaSender } from '#shared/bus/kafka-producer';
import type { Sql } from '#shared/db/connect';
import { runLoad, type LoadResult } from '../http-load';
import { round1 } from '../stats';

export interface ProduceConsumeResult {
  records: number;
  recordBytes: number;
  partitions: number;
  produceSeconds: number;
  producedPerSecond: number;
  /** From the first send to the last record consumed. */
  endToEndSeconds: number;
  consumedPerSecond: number;
}

/**
 * kafkajs alone: `records` records of `recordBytes` produced in batches of 100 with the bus's
 * idempotent producer (acks from all replicas) to a fresh topic, read by one consumer group
 * (eachMessage, one partition at a time per worker, as the dispatcher reads).
 */
export async function produceConsume(brokers: string[], records: number, recordBytes = 1_024, partitions = 12): Promise<ProduceConsumeResult> {
  const log = pino({ level: 'silent' });
  const kafka = createKafkaClient({ brokers, clientId: 'bench', log });
  const topic = `bench-raw-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions: partitions }] });
  // Leaders are elected a moment after creation; offsets can be listed once every partition has one.
  for (let tries = 0; !(await admin.fetchTopicOffsets(topic).then(() => true, () => false)); tries++) {
    if (tries > 100) throw new Error(`topic ${topic} has no leaders after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const sender = createKafkaSender(kafka);
  const consumer = kafka.consumer({ groupId: `${topic}-reader` });
  try {
    const value = 'x'.repeat(recordBytes);
    let consumed = 0;
    let allConsumed!: () => void;
    const done = new Promise<void>((resolve) => (allConsumed = resolve));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: partitions,
      eachMessage: async () => {
        if (++consumed === records) allConsumed();
      },
    });
    const started = performance.now();
    for (let sent = 0; sent < records; sent += 100) {
      const messages = Array.from({ length: Math.min(100, records - sent) }, () => ({ key: randomUUID(), value }));
      await sender.send([{ topic, messages }]);
    }
    const produceSeconds = (performance.now() - started) / 1_000;
    await done;
    const endToEndSeconds = (performance.now() - started) / 1_000;
    return {
      records,
      recordBytes,
      partitions,
      produceSeconds: round1(produceSeconds),
      producedPerSecond: Math.round(records / produceSeconds),
      endToEndSeconds: round1(endToEndSeconds),
      consumedPerSecond: Math.round(records / endToEndSeconds),
    };
  } finally {
    await consumer.disconnect();
    await sender.close();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
}

/** The `postgres` client alone: `rows` single-row inserts (each its own transaction) at `concurrency`. */
export async function singleRowInserts(sql: Sql, rows: number, concurrency: number): Promise<LoadResult> {
  const table = `bench_insert_${randomBytes(4).toString('hex')}`;
  await sql.unsafe(`create table ${table} (id uuid primary key, data jsonb not null)`);
  try {
    const data = JSON.stringify({ title: 'A benchmark row', tags: ['bench'], padding: 'x'.repeat(600) });
    return await runLoad({
      count: rows,
      concurrency,
      maxMs: 10 * 60_000,
      call: async () => {
        await sql.unsafe(`insert into ${table} (id, data) values ($1, $2::jsonb)`, [randomUUID(), data]);
        return null;
      },
    });
  } finally {
    await sql.unsafe(`drop table ${table}`);
  }
}
