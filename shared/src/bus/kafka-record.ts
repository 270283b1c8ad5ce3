import type { IHeaders } from 'kafkajs';
import type { AnyEvent } from '../events/catalog';
import type { HttpMessage } from '../events/decode-http';
import { encodeHeaderValue } from '../events/header-encoding';

/** A Kafka record as produced: key, value and string headers. */
export interface OutgoingRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Where a consumed record came from, and what it holds. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
  /** Milliseconds since the epoch, as kafkajs reports it. */
  timestamp: string;
}

/**
 * An event in the CloudEvents Kafka binding, binary mode: the value is the data, `content-type` is
 * the `datacontenttype`, every other attribute (extensions included) is a `ce_<name>` header, and
 * the record key is the `partitionkey`, so one task's events share a partition and stay in order.
 */
export function eventToRecord(event: AnyEvent): OutgoingRecord {
  const headers: Record<string, string> = { 'content-type': event.datacontenttype };
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'datacontenttype' || value === undefined) continue;
    headers[`ce_${name}`] = String(value);
  }
  return { key: event.partitionkey, value: JSON.stringify(event.data), headers };
}

/** A record's headers as strings (kafkajs hands them over as buffers; repeated headers keep the last). */
export function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) strings[name] = last.toString();
  }
  return strings;
}

/** What Knative's KafkaSource calls the source of a record it had to wrap. */
export interface WrapSource {
  namespace: string;
  sourceName: string;
}

/**
 * The HTTP request KafkaSource sends for a record (binary content mode): a binary-mode record's
 * `ce_*` headers become `ce-*` headers and its value the body; a structured record
 * (`content-type: application/cloudevents...`) is sent as is. Any other record is not a CloudEvent and
 * is wrapped as KafkaSource wraps it: type `dev.knative.kafka.event`, id `partition:<p>/offset:<o>`,
 * the key as `key`/`partitionkey` and each header as a `kafkaheader<name>` extension.
 */
export function recordToHttp(record: IncomingRecord, wrap: WrapSource): HttpMessage {
  const headers = headerStrings(record.headers);
  const body = record.value?.toString('utf8') ?? '';
  const contentType = headers['content-type'];
  if (contentType?.toLowerCase().startsWith('application/cloudevents')) return { headers: { 'content-type': contentType }, body };
  if (headers['ce_specversion'] !== undefined) {
    const http: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    for (const [name, value] of Object.entries(headers)) if (name.startsWith('ce_')) http[`ce-${name.slice(3)}`] = encodeHeaderValue(value);
    return { headers: http, body };
  }
  return { headers: wrappedHeaders(record, headers, wrap), body };
}

function wrappedHeaders(record: IncomingRecord, headers: Record<string, string>, wrap: WrapSource): Record<string, string> {
  const position = `${record.partition}/offset:${record.offset}`;
  const http: Record<string, string> = {
    'ce-specversion': '1.0',
    'ce-id': `partition:${position}`,
    'ce-source': `/apis/v1/namespaces/${wrap.namespace}/kafkasources/${wrap.sourceName}#${record.topic}`,
    'ce-type': 'dev.knative.kafka.event',
    'ce-subject': `partition:${record.partition}#${record.offset}`,
    'ce-time': new Date(Number(record.timestamp)).toISOString(),
  };
  if (headers['content-type']) http['content-type'] = headers['content-type'];
  if (record.key) {
    http['ce-key'] = encodeHeaderValue(record.key.toString('utf8'));
    http['ce-partitionkey'] = http['ce-key'];
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'content-type') continue;
    http[`ce-kafkaheader${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`] = encodeHeaderValue(value);
  }
  return http;
}
