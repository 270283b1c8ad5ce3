import { DEAD_LETTER_HEADERS } from '#shared/bus/kafka-dead-letter';
import { headerStrings, type IncomingRecord, recordToHttp } from '#shared/bus/kafka-record';
import { isKnownType, topicOf } from '#shared/events/catalog';
import { decodeHttpEvent, type HttpMessage } from '#shared/events/decode-http';
import { knativeFailureReason } from './knative-failure';

/**
 * Which path wrote a dead letter: the project's own kafkajs consumer (`kafka`), Knative's KafkaSource
 * through its dead-letter KafkaSink (`knative`), or Dapr pub/sub's `deadLetterTopic` (`dapr`).
 */
export type DeadLetterPath = 'kafka' | 'knative' | 'dapr';

export type CloudEventObject = Record<string, unknown>;

/** Where the event was consumed when it failed; partition and offset only where the path records them. */
export interface Origin {
  topic: string | null;
  partition?: number;
  offset?: string;
}

/** One dead letter in the same shape whichever path wrote it. */
export interface DeadLetter {
  deadLetterTopic: string;
  partition: number;
  offset: string;
  path: DeadLetterPath;
  /** The function whose consumer gave up on the event. */
  consumer: string;
  reason: string;
  origin: Origin;
  /** When it was dead-lettered (RFC 3339). */
  time: string;
  /** The CloudEvent as the record holds it; null when it holds none, and `notAnEvent` says why. */
  event: CloudEventObject | null;
  notAnEvent?: { why: string; value: string | null };
  /** `<topic>/<partition>/<offset>` of the dead letter an earlier replay took this event from. */
  replayedFrom?: string;
}

/** Set on every replayed record, so a replay that fails again can be told apart. */
export const REPLAYED_FROM_HEADER = 'dead-letter-replayed-from';
export const DEAD_LETTER_SUFFIX = '-dead-letter';

/** The type KafkaSource gives a record that is not a CloudEvent when it wraps it. */
const KAFKA_SOURCE_WRAPPER = 'dev.knative.kafka.event';
/** recordToHttp only wraps records that are not CloudEvents, which are never handed to it here. */
const NEVER_WRAPS = { namespace: '', sourceName: '' };

type Found = { event: CloudEventObject } | { why: string; wrapped?: CloudEventObject };
type PathFacts = Pick<DeadLetter, 'consumer' | 'reason' | 'origin' | 'time'>;
interface Context {
  record: IncomingRecord;
  headers: Record<string, string>;
  found: Found;
}

/** Normalises one consumed dead-letter record, of any of the three paths' formats. */
export function normaliseDeadLetter(record: IncomingRecord): DeadLetter {
  const headers = headerStrings(record.headers);
  const path = pathOf(headers);
  const found = findEvent(record, headers, path);
  const facts = FACTS[path]({ record, headers, found });
  const replayedFrom = headers[REPLAYED_FROM_HEADER];
  return {
    deadLetterTopic: record.topic,
    partition: record.partition,
    offset: record.offset,
    path,
    ...facts,
    event: 'event' in found ? found.event : null,
    ...('why' in found ? { notAnEvent: { why: found.why, value: record.value?.toString('utf8') ?? null } } : {}),
    ...(replayedFrom ? { replayedFrom } : {}),
  };
}

/** `audit-dead-letter` → `audit`. */
export function consumerOfTopic(deadLetterTopic: string): string {
  return deadLetterTopic.endsWith(DEAD_LETTER_SUFFIX) ? deadLetterTopic.slice(0, -DEAD_LETTER_SUFFIX.length) : deadLetterTopic;
}

function pathOf(headers: Record<string, string>): DeadLetterPath {
  if (headers[DEAD_LETTER_HEADERS.consumer] !== undefined) return 'kafka';
  // Dapr publishes the consumed message's metadata as the dead letter's headers.
  if (headers.pubsubName !== undefined || headers.__topic !== undefined) return 'dapr';
  return 'knative';
}

/**
 * The event in the Kafka binding (binary `ce_*` headers or structured); on Dapr's path the value is a
 * structured CloudEvent without a `content-type` header, which Dapr's own subscriber assumes too.
 */
function findEvent(record: IncomingRecord, headers: Record<string, string>, path: DeadLetterPath): Found {
  const contentType = headers['content-type']?.toLowerCase() ?? '';
  const isCloudEvent = contentType.startsWith('application/cloudevents') || headers.ce_specversion !== undefined;
  let message: HttpMessage | null = null;
  if (isCloudEvent) message = recordToHttp(record, NEVER_WRAPS);
  else if (path === 'dapr') message = { headers: { 'content-type': 'application/cloudevents+json' }, body: record.value?.toString('utf8') ?? '' };
  if (!message) return { why: 'not a CloudEvent: the record has neither ce_ headers nor an application/cloudevents content type' };
  const decoded = decodeHttpEvent(message);
  if (!decoded.ok) return { why: decoded.reason };
  if (decoded.event.type === KAFKA_SOURCE_WRAPPER) {
    return { why: `not a CloudEvent: KafkaSource wrapped a record that was none as ${KAFKA_SOURCE_WRAPPER} (source ${String(decoded.event.source)})`, wrapped: decoded.event };
  }
  return { event: decoded.event };
}

const FACTS: Record<DeadLetterPath, (context: Context) => PathFacts> = {
  kafka({ record, headers }) {
    const reason = headers[DEAD_LETTER_HEADERS.reason] ?? 'not recorded';
    const attempts = headers[DEAD_LETTER_HEADERS.attempts];
    return {
      consumer: headers[DEAD_LETTER_HEADERS.consumer] ?? consumerOfTopic(record.topic),
      reason: attempts ? `${reason} (after ${attempts} ${attempts === '1' ? 'attempt' : 'attempts'})` : reason,
      origin: origin(headers[DEAD_LETTER_HEADERS.topic], headers[DEAD_LETTER_HEADERS.partition], headers[DEAD_LETTER_HEADERS.offset]),
      time: headers[DEAD_LETTER_HEADERS.time] ?? recordTime(record),
    };
  },
  knative({ record, headers, found }) {
    const attributes = 'event' in found ? found.event : (found.wrapped ?? ceHeaders(headers));
    return {
      consumer: consumerOfTopic(record.topic),
      reason: knativeFailureReason(attributes),
      origin: 'wrapped' in found && found.wrapped ? wrappedOrigin(found.wrapped) : { topic: isKnownType(attributes.type) ? topicOf(attributes.type) : null },
      time: recordTime(record),
    };
  },
  dapr({ record, headers, found }) {
    const consumer = consumerOfTopic(record.topic);
    const event = 'event' in found ? found.event : undefined;
    const eventId = typeof event?.id === 'string' ? event.id : '(none: the record holds no CloudEvent)';
    return {
      consumer,
      reason: `not recorded by Dapr; see the ${consumer} function's log for eventId ${eventId} ("event drop", or "event retry" until Dapr's retries ran out)`,
      origin: origin(headers.__topic ?? (typeof event?.topic === 'string' ? event.topic : undefined), headers.__partition, headers.__offset),
      time: recordTime(record),
    };
  },
};

function origin(topic: string | undefined, partition: string | undefined, offset: string | undefined): Origin {
  return { topic: topic ?? null, ...(partition !== undefined ? { partition: Number(partition) } : {}), ...(offset !== undefined ? { offset } : {}) };
}

/** KafkaSource's wrapper names the record: source `…/kafkasources/<name>#<topic>`, subject `partition:<p>#<offset>`. */
function wrappedOrigin(wrapped: CloudEventObject): Origin {
  const topic = String(wrapped.source ?? '').split('#')[1];
  const position = /^partition:(\d+)#(\d+)$/.exec(String(wrapped.subject ?? ''));
  return origin(topic || undefined, position?.[1], position?.[2]);
}

function ceHeaders(headers: Record<string, string>): CloudEventObject {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('ce_')).map(([name, value]) => [name.slice(3), value]));
}

function recordTime(record: IncomingRecord): string {
  return new Date(Number(record.timestamp)).toISOString();
}
