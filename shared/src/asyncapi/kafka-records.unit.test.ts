import { CloudEvent, Kafka } from 'cloudevents';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDaprBus } from '../bus/dapr-bus';
import { eventToRecord, headerStrings, type IncomingRecord, recordToHttp } from '../bus/kafka-record';
import { daprSidecarIn } from '../dapr/dapr-sidecar';
import { startFakeDaprSidecar } from '../testing/fake-dapr/fake-dapr-sidecar';
import type { AnyEvent } from '../events/catalog';
import { decodeHttpEvent } from '../events/decode-http';
import { validateEvent } from '../events/validate-event';
import { documentUnderTest } from './asyncapi-test-kit';
import { eventForms } from './event-forms';
import { exampleEvent, MINIMAL_COMMAND } from './example-events';
import { minimalCommandRecord } from './examples';
import { structuredRecord } from './structured-record';

const { document, messageErrors } = documentUnderTest();
const forms = eventForms();
const written = forms.filter((form) => form.written);
/** The form consumers read a type in: the message a record of it must also match. */
const readFormOf = (type: string) => forms.find((form) => form.read && form.type === type)!;

const consumed = (record: { key: string | null; value: string; headers: Record<string, string> }): IncomingRecord => ({
  topic: 'task-events',
  partition: 0,
  offset: '0',
  key: record.key === null ? null : Buffer.from(record.key),
  value: Buffer.from(record.value),
  headers: record.headers,
  timestamp: '0',
});

const decodedFromKafka = (record: Parameters<typeof consumed>[0]) => {
  const decoded = decodeHttpEvent(recordToHttp(consumed(record), { namespace: 'todo', sourceName: 'test' }));
  return decoded.ok ? validateEvent(decoded.event) : decoded;
};

async function publishedThroughDapr(event: AnyEvent) {
  const sidecar = await startFakeDaprSidecar({ appId: 'task', pubsubs: { pubsub: { excludeHeaderMetaRegex: '^(rawPayload|ttlInSeconds|partitionKey|partitionNumber|__key|cloudevent\\..+)$' } } });
  try {
    await createDaprBus({ url: 'dapr://pubsub', sidecar: daprSidecarIn(sidecar.env), log: pino({ level: 'silent' }) }).publish([event]);
    return sidecar.records[0]!;
  } finally {
    await sidecar.close();
  }
}

describe.each(written.map((form) => [form.name, form] as const))('%s on Kafka', (name, form) => {
  const event = exampleEvent(form.type);
  const readForm = readFormOf(form.type);

  it('binary, as the outbox relay writes it (eventToRecord): the headers, value and key its messages describe', () => {
    const record = eventToRecord(event);

    for (const id of [`${name}.kafka-binary`, `${readForm.name}.kafka-binary`]) {
      expect(messageErrors(id, 'headers', record.headers), id).toEqual([]);
      expect(messageErrors(id, 'payload', JSON.parse(record.value)), id).toEqual([]);
      expect(messageErrors(id, 'key', record.key), id).toEqual([]);
    }
  });

  it('binary: writes no header the document does not name', () => {
    const documented = Object.keys(document.components.schemas[`${name}.kafka-headers`]!.properties as object);

    expect(Object.keys(eventToRecord(event).headers).sort()).toEqual(documented.sort());
  });

  it('structured, as Dapr publishes it in the always-on mode (its own attributes added)', async () => {
    const record = await publishedThroughDapr(event);

    for (const id of [`${name}.structured`, `${readForm.name}.structured`]) {
      expect(messageErrors(id, 'headers', record.headers), id).toEqual([]);
      expect(messageErrors(id, 'payload', JSON.parse(record.value)), id).toEqual([]);
      expect(messageErrors(id, 'key', record.key), id).toEqual([]);
    }
  });

  it('structured, as the CloudEvents SDK writes it: the record of the document\'s examples, up to a charset', () => {
    const sdk = Kafka.structured(new CloudEvent<unknown>({ ...event }));
    const ours = structuredRecord(event);

    expect(ours.key).toBe(sdk.key);
    expect(JSON.parse(ours.value)).toEqual(JSON.parse(sdk.value as string));
    for (const record of [ours, sdk]) {
      expect(messageErrors(`${name}.structured`, 'headers', record.headers)).toEqual([]);
      expect(messageErrors(`${name}.structured`, 'payload', JSON.parse(record.value as string))).toEqual([]);
    }
  });
});

describe('the create-task command from any producer', () => {
  it('binary with only what the spec requires: accepted by the consumer, matched by the incoming form only', () => {
    const record = minimalCommandRecord();

    expect(decodedFromKafka(record)).toMatchObject({ ok: true });
    expect(messageErrors('IncomingCreateTask.kafka-binary', 'headers', record.headers)).toEqual([]);
    expect(messageErrors('IncomingCreateTask.kafka-binary', 'payload', JSON.parse(record.value))).toEqual([]);
    expect(messageErrors('CreateTask.kafka-binary', 'headers', record.headers)).toContain("(root) must have required property 'ce_subject'");
  });

  it('structured with only what the spec requires: accepted by the consumer, matched by the incoming form only', () => {
    const record = structuredRecord(MINIMAL_COMMAND);

    expect(decodedFromKafka(record)).toMatchObject({ ok: true });
    expect(messageErrors('IncomingCreateTask.structured', 'payload', MINIMAL_COMMAND)).toEqual([]);
    expect(messageErrors('CreateTask.structured', 'payload', MINIMAL_COMMAND)).toContain("(root) must have required property 'subject'");
  });

  it('binary without a content-type: dropped by the consumer, refused by the document', () => {
    const { 'content-type': _omitted, ...headers } = minimalCommandRecord().headers;

    expect(decodedFromKafka({ ...minimalCommandRecord(), headers })).toMatchObject({ ok: false });
    expect(messageErrors('IncomingCreateTask.kafka-binary', 'headers', headers)).toContain("(root) must have required property 'content-type'");
  });
});

describe('records the document refuses', () => {
  it('a binary record without ce_type, or whose data breaks the schema', () => {
    const record = eventToRecord(exampleEvent('dev.todo.task.created.v1'));
    const { ce_type: _omitted, ...headers } = record.headers;

    expect(messageErrors('TaskCreated.kafka-binary', 'headers', headers)).toContain("(root) must have required property 'ce_type'");
    expect(messageErrors('TaskCreated.kafka-binary', 'payload', { commandId: null })).toContain("(root) must have required property 'task'");
  });

  it('a record of another type', () => {
    const record = eventToRecord(exampleEvent('dev.todo.task.deleted.v1'));

    expect(messageErrors('TaskCreated.kafka-binary', 'headers', headerStrings(record.headers))).toContain('/ce_type must be equal to constant');
  });
});
