import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs, { type Consumer as KafkaConsumer, type Kafka } from 'kafkajs';
import type { Outcome } from '../events/outcome';
import type { Logger } from '../log/logger';
import type { BusMetrics } from './bus-metrics';
import { deadLetterHeaders } from './kafka-dead-letter';
import type { KafkaSender } from './kafka-producer';
import { headerStrings, type IncomingRecord } from './kafka-record';
import { backoffDelay, type RetryPolicy } from './retry-policy';

/** Hands one record to its consumer; `attempt` counts earlier tries of this record (0 on the first). */
export type DeliverRecord = (record: IncomingRecord, attempt: number) => Promise<Outcome>;

export interface ConsumerLoopOptions {
  kafka: Kafka;
  /** The consumer group; one per consuming function. */
  groupId: string;
  topics: readonly string[];
  deliver: DeliverRecord;
  /** Where a record goes after a drop or the last retry. */
  deadLetterTopic: string;
  /** Sends dead letters; shared with the caller's publishing. */
  sender: KafkaSender;
  retry: RetryPolicy;
  log: Logger;
  metrics?: BusMetrics;
  /** How many partitions are worked on at once; each partition's records one at a time, in order. */
  partitionsConsumedConcurrently?: number;
}

export interface ConsumerLoop {
  /** Resolves once the group has been joined and partitions assigned. */
  joined(): Promise<void>;
  stop(): Promise<void>;
}

// kafkajs is CommonJS and exports its errors in a way Node's named-export detection cannot see.
const { KafkaJSError } = kafkajs;

/** Thrown out of `eachMessage` on stop so kafkajs neither resolves nor commits the record (a KafkaJSError: not logged as a failure). */
class Stopping extends KafkaJSError {
  constructor() {
    super('consumer stopping; the record stays uncommitted', { retriable: false });
  }
}

/**
 * Consumes `topics` as `groupId`: each record is handed to `deliver`; an ack moves on, a retry waits
 * (exponential backoff with jitter, heartbeating) and tries again, and a drop or the last retry sends the
 * record to the dead-letter topic with the reason and its origin in headers, then moves on, so a poison
 * record holds its partition only for the retry schedule. An offset is committed only after its record
 * settled (acknowledged or dead-lettered); a crash redelivers the uncommitted records, which the
 * consumers' idempotency absorbs.
 */
export function startConsumerLoop(options: ConsumerLoopOptions): ConsumerLoop {
  const { kafka, groupId, log } = options;
  const abort = new AbortController();
  let consumer: KafkaConsumer | undefined;
  let resolveJoined!: () => void;
  const joined = new Promise<void>((resolve) => (resolveJoined = resolve));

  async function settle(record: IncomingRecord, heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (abort.signal.aborted) throw new Stopping();
      const outcome = await options.deliver(record, attempt);
      options.metrics?.consumed({ transport: 'kafka', consumer: groupId, type: headerStrings(record.headers).ce_type, topic: record.topic, outcome: outcome.kind });
      if (outcome.kind === 'ack') return;
      const last = outcome.kind === 'drop' || attempt + 1 >= options.retry.maxAttempts;
      if (last) return deadLetter(record, outcome.reason, attempt + 1);
      await waitWithHeartbeat(backoffDelay(options.retry, attempt), heartbeat);
    }
  }

  async function deadLetter(record: IncomingRecord, reason: string, attempts: number): Promise<void> {
    const message = { key: record.key, value: record.value, headers: deadLetterHeaders(record, { consumer: groupId, reason, attempts }) };
    await options.sender.send([{ topic: options.deadLetterTopic, messages: [message] }]);
    options.metrics?.deadLettered(groupId, record.topic);
    log.error({ deadLetterTopic: options.deadLetterTopic, topic: record.topic, partition: record.partition, offset: record.offset, reason, attempts }, 'record dead-lettered');
  }

  async function waitWithHeartbeat(delayMs: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + delayMs;
    while (Date.now() < until) {
      await sleep(Math.min(1_000, until - Date.now()), undefined, { signal: abort.signal }).catch(() => {});
      if (abort.signal.aborted) throw new Stopping();
      await heartbeat().catch(() => {});
    }
  }

  async function run(): Promise<void> {
    // A member that dies without leaving holds its partitions until its session times out: 10 s keeps
    // a crashed consumer's partitions idle for seconds, not half a minute (the broker's minimum is 6 s).
    consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      rebalanceTimeout: 20_000,
      heartbeatInterval: 1_000,
      retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000, restartOnFailure: async () => !abort.signal.aborted },
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const partitions = Object.values(event.payload.memberAssignment).reduce((total, assigned) => total + assigned.length, 0);
      log.info({ groupId, partitions, joinMs: event.payload.duration }, 'joined the consumer group');
      resolveJoined();
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      options.metrics?.lag(groupId, payload.topic, payload.partition, Math.max(0, Number(payload.offsetLag)));
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!abort.signal.aborted) log.warn({ groupId, err: event.payload.error, restart: event.payload.restart }, 'kafka consumer crashed');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 500,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 12,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const record: IncomingRecord = { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp };
        await settle(record, heartbeat);
      },
    });
  }

  // The broker may be down when the process starts: keep trying to join until stopped.
  const running = (async () => {
    for (let failures = 0; !abort.signal.aborted; failures++) {
      try {
        return await run();
      } catch (error) {
        await consumer?.disconnect().catch(() => {});
        const delay = backoffDelay(options.retry, Math.min(failures, 10));
        log.warn({ err: error, groupId, retryInMs: delay }, 'kafka consumer could not start; will retry');
        await sleep(delay, undefined, { signal: abort.signal }).catch(() => {});
      }
    }
  })();

  return {
    joined: () => joined,
    async stop() {
      abort.abort();
      await running.catch(() => {});
      await consumer?.disconnect();
    },
  };
}
