import { eventToRecord, type OutgoingRecord, recordToHttp } from '../bus/kafka-record';
import type { AnyEvent } from '../events/catalog';
import { topicOf } from '../events/catalog';
import { MINIMAL_COMMAND } from './example-events';
import { structuredRecord } from './structured-record';

/** An AsyncAPI Message Example: it has no field for a Kafka key, so the summary names it. */
export interface MessageExample {
  name: string;
  summary: string;
  headers: Record<string, string>;
  payload: unknown;
}

type KafkaRecord = Omit<OutgoingRecord, 'key'> & { key: string | null };

const keyNote = (record: KafkaRecord) => (record.key === null ? 'No key.' : `Key: ${record.key}.`);

/** The record the outbox relay writes for `event` (`eventToRecord`). */
export function kafkaBinaryExample(event: AnyEvent, name: string, summary: string): MessageExample {
  return fromKafka(eventToRecord(event), name, summary);
}

/** The record a structured producer writes for `event`. */
export function structuredExample(event: object, name: string, summary: string): MessageExample {
  const record = structuredRecord(event);
  return { ...fromKafka(record, name, summary), payload: JSON.parse(record.value) };
}

/** The request a KafkaSource (or the local dispatcher) sends for the record the outbox relay wrote. */
export function httpBinaryExample(event: AnyEvent, name: string, summary: string): MessageExample {
  return fromHttp(eventToRecord(event), topicOf(event.type), name, summary);
}

/**
 * The minimal command in binary mode. `eventToRecord` maps whatever attributes the event has, so it
 * writes a generic producer's command too: no key, `content-type` with a charset, no `ce_subject`.
 */
export function minimalCommandRecord(): KafkaRecord {
  const record = eventToRecord({ ...MINIMAL_COMMAND, datacontenttype: 'application/json; charset=utf-8' } as unknown as AnyEvent);
  return { ...record, key: null };
}

export function minimalCommandExamples() {
  const summary = 'From any CloudEvents producer: only what the CloudEvents spec requires, `userid` and the data.';
  const record = minimalCommandRecord();
  return {
    'kafka-binary': fromKafka(record, 'from-a-producer', summary),
    structured: structuredExample(MINIMAL_COMMAND, 'from-a-producer', summary),
    'http-binary': fromHttp(record, topicOf(MINIMAL_COMMAND.type), 'from-a-producer', summary),
  };
}

function fromKafka(record: KafkaRecord, name: string, summary: string): MessageExample {
  return { name, summary: `${summary} ${keyNote(record)}`, headers: record.headers, payload: JSON.parse(record.value) };
}

function fromHttp(record: KafkaRecord, topic: string, name: string, summary: string): MessageExample {
  const consumed = { topic, partition: 0, offset: '0', key: record.key === null ? null : Buffer.from(record.key), value: Buffer.from(record.value), headers: record.headers, timestamp: '0' };
  const request = recordToHttp(consumed, { namespace: 'todo', sourceName: 'example' });
  return { name, summary, headers: request.headers, payload: JSON.parse(request.body) };
}

/** What Dapr publishes for `event` in the always-on mode: the bus adds `traceid`, daprd `tracestate`, `topic` and `pubsubname`. */
export function daprEnvelopeExample(event: AnyEvent): MessageExample {
  const envelope = { ...event, traceid: event.traceparent, tracestate: '', topic: topicOf(event.type), pubsubname: 'pubsub' };
  return structuredExample(envelope, 'published-by-dapr', 'As Dapr publishes it in the always-on mode (pubsub.kafka).');
}
