import type { IHeaders } from 'kafkajs';
import type { IncomingRecord } from './kafka-record';

/** Headers a dead-lettered record carries besides its own (which keep it a CloudEvent for a replay). */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  consumer: 'dead-letter-consumer',
  attempts: 'dead-letter-attempts',
  topic: 'dead-letter-original-topic',
  partition: 'dead-letter-original-partition',
  offset: 'dead-letter-original-offset',
  time: 'dead-letter-time',
} as const;

/** The record's own headers plus why and from where it was dead-lettered. */
export function deadLetterHeaders(record: IncomingRecord, why: { consumer: string; reason: string; attempts: number }, now = new Date()): IHeaders {
  return {
    ...record.headers,
    [DEAD_LETTER_HEADERS.reason]: why.reason.slice(0, 2_000),
    [DEAD_LETTER_HEADERS.consumer]: why.consumer,
    [DEAD_LETTER_HEADERS.attempts]: String(why.attempts),
    [DEAD_LETTER_HEADERS.topic]: record.topic,
    [DEAD_LETTER_HEADERS.partition]: String(record.partition),
    [DEAD_LETTER_HEADERS.offset]: record.offset,
    [DEAD_LETTER_HEADERS.time]: now.toISOString(),
  };
}
