import { Kafka as KafkaBinding, type KafkaMessage } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { decodeHttpEvent } from '../events/decode-http';
import { validateEvent } from '../events/validate-event';
import { aTask, aTaskCreated, eventContext } from '../testing/event-fixtures';
import { eventToRecord, type IncomingRecord, recordToHttp } from './kafka-record';

const wrap = { namespace: 'todo', sourceName: 'audit' };

function incoming(record: { key: string; value: string; headers: Record<string, string> }): IncomingRecord {
  const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]));
  return { topic: 'task-events', partition: 4, offset: '17', key: Buffer.from(record.key), value: Buffer.from(record.value), headers, timestamp: '1777626000000' };
}

describe('events as Kafka records (CloudEvents Kafka binding, binary mode)', () => {
  it('writes the data as the value, the attributes as ce_ headers and the partition key as the key', () => {
    const event = aTaskCreated();
    const record = eventToRecord(event);
    expect(record.key).toBe(event.partitionkey);
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
      ce_subject: event.subject,
      ce_time: event.time,
      ce_partitionkey: event.partitionkey,
      ce_traceparent: event.traceparent,
      ce_userid: event.userid,
    });
  });

  it('is read by the CloudEvents SDK as the same event', () => {
    const event = aTaskCreated();
    const record = eventToRecord(event);
    const decoded = KafkaBinding.toEvent({ ...record, body: record.value } as KafkaMessage);
    if (Array.isArray(decoded)) throw new Error('a batch');
    const { data, ...attributes } = event;
    expect(decoded).toMatchObject(attributes);
    expect(decoded.data).toEqual(data);
  });

  it('goes over HTTP in binary mode and comes back as the same valid event', () => {
    const event = aTaskCreated();
    const http = recordToHttp(incoming(eventToRecord(event)), wrap);
    expect(http.headers['ce-id']).toBe(event.id);
    const decoded = decodeHttpEvent(http);
    expect(decoded.ok && validateEvent(decoded.event)).toEqual({ ok: true, event });
  });

  it('percent-encodes attribute values that are not printable ASCII on the HTTP hop, and decodes them back', () => {
    const event = aTaskCreated(aTask(), eventContext({ userId: 'zoë 100%' }));
    const http = recordToHttp(incoming(eventToRecord(event)), wrap);
    expect(http.headers['ce-userid']).toBe('zo%C3%AB%20100%25');
    const decoded = decodeHttpEvent(http);
    expect(decoded.ok && validateEvent(decoded.event)).toEqual({ ok: true, event });
  });

  it('passes a structured record through as a structured request', () => {
    const event = aTaskCreated();
    const http = recordToHttp(incoming({ key: event.partitionkey, value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } }), wrap);
    expect(http).toEqual({ headers: { 'content-type': 'application/cloudevents+json' }, body: JSON.stringify(event) });
  });

  it('wraps a record without CloudEvent headers as KafkaSource does, which no consumer accepts', () => {
    const http = recordToHttp(incoming({ key: 'task-1', value: '{"hello":1}', headers: { 'content-type': 'application/json', 'Trace-Id': 'abc' } }), wrap);
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': 'partition:4/offset:17',
      'ce-source': '/apis/v1/namespaces/todo/kafkasources/audit#task-events',
      'ce-type': 'dev.knative.kafka.event',
      'ce-subject': 'partition:4#17',
      'ce-time': '2026-05-01T09:00:00.000Z',
      'ce-key': 'task-1',
      'ce-partitionkey': 'task-1',
      'ce-kafkaheadertraceid': 'abc',
    });
    const decoded = decodeHttpEvent(http);
    expect(decoded.ok && validateEvent(decoded.event)).toEqual({ ok: false, reason: 'unknown event type "dev.knative.kafka.event"' });
  });
});
