import { Kafka as KafkaBinding, type KafkaMessage } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { type OutgoingRecord, recordToHttp } from '#shared/bus/kafka-record';
import { decodeHttpEvent } from '#shared/events/decode-http';
import { validateEvent } from '#shared/events/validate-event';
import { aTask, aTaskCreated, recordingConsumer } from '#shared/testing/event-fixtures';
import { consumedAs, daprPathDeadLetter, javaTime, kafkaPathDeadLetter, knativeDelivery, knativePathDeadLetter } from './dead-letter-fixtures';
import { normaliseDeadLetter } from './dead-letter-record';
import { replayOf } from './replay-record';

const NOW = new Date('2026-05-01T09:00:07.000Z');
const AT = { topic: 'audit-dead-letter', partition: 0, offset: '7' };
const AUDIT_EVENTS_URL = 'http://audit.todo.svc.cluster.local/events';
const event = aTaskCreated(aTask({ title: 'Pay rent' }));

function replayed(message: Parameters<typeof consumedAs>[0]) {
  const replay = replayOf(normaliseDeadLetter(consumedAs(message, AT)));
  if (!replay.ok) throw new Error(replay.reason);
  return replay;
}

/** The event the project's own consumer (in-process bus, local dispatcher) decodes from a record. */
function decodedByOurConsumer(record: OutgoingRecord) {
  const decoded = decodeHttpEvent(recordToHttp(consumedAs(record, { topic: 'task-events', partition: 0, offset: '0' }), { namespace: 'local', sourceName: 'audit' }));
  if (!decoded.ok) throw new Error(decoded.reason);
  return validateEvent(decoded.event);
}

describe('replaying a dead letter', () => {
  it('writes the event as a structured CloudEvent to its original topic, keyed by its partitionkey, saying where it came from', () => {
    const replay = replayed(kafkaPathDeadLetter(event, { consumer: 'audit', reason: 'no', attempts: 1 }, { topic: 'task-events', partition: 3, offset: '41' }, NOW));

    expect(replay.topic).toBe('task-events');
    expect(replay.record.key).toBe(event.partitionkey);
    expect(replay.record.headers).toEqual({ 'content-type': 'application/cloudevents+json', 'dead-letter-replayed-from': 'audit-dead-letter/0/7' });
    expect(JSON.parse(replay.record.value)).toEqual(event);
  });

  it('is read as the same event by our own consumer and by the CloudEvents Kafka binding KafkaSource implements', () => {
    const { record } = replayed(kafkaPathDeadLetter(event, { consumer: 'audit', reason: 'no', attempts: 1 }, { topic: 'task-events', partition: 3, offset: '41' }, NOW));

    expect(decodedByOurConsumer(record)).toEqual({ ok: true, event });
    const decoded = KafkaBinding.toEvent({ key: record.key, value: record.value, body: record.value, headers: record.headers } as KafkaMessage);
    expect(decoded).toMatchObject({ id: event.id, source: event.source, type: event.type, partitionkey: event.partitionkey, data: event.data });
  });

  it("leaves Dapr's transport additions out of a Dapr dead letter's event", async () => {
    const { message, envelope } = await daprPathDeadLetter(event, { partition: 5, offset: '12' });

    const replay = replayed(message);

    expect(replay.topic).toBe('task-events');
    expect(JSON.parse(replay.record.value)).toEqual({ ...event, traceparent: envelope.traceparent });
    expect(decodedByOurConsumer(replay.record)).toEqual({ ok: true, event: { ...event, traceparent: envelope.traceparent } });
  });

  it("leaves Knative's error extensions out of a Knative dead letter's event", () => {
    const replay = replayed(knativePathDeadLetter(event, { destination: AUDIT_EVENTS_URL, response: { status: 503, body: 'busy' } }));

    expect(replay.topic).toBe('task-events');
    expect(JSON.parse(replay.record.value)).toEqual({ ...event, time: javaTime(event.time) });
  });

  it('refuses an event that is not a valid event of the catalog, with the reason', async () => {
    const broken = { ...event, data: { task: { ...aTask(), title: 42 }, commandId: null } };
    const message = knativePathDeadLetter(broken, { destination: AUDIT_EVENTS_URL, response: await knativeDelivery(recordingConsumer(), broken) });

    expect(replayOf(normaliseDeadLetter(consumedAs(message, AT)))).toEqual({ ok: false, reason: expect.stringMatching(/^invalid dev\.todo\.task\.created\.v1: data\.task\.title: /) });
  });

  it('refuses a record that holds no CloudEvent, saying so', () => {
    const message = { key: 'k', value: 'this is not a CloudEvent', headers: { 'dead-letter-consumer': 'audit', 'dead-letter-reason': 'unknown event type' } };

    expect(replayOf(normaliseDeadLetter(consumedAs(message, AT)))).toEqual({ ok: false, reason: expect.stringContaining('not a CloudEvent') });
  });
});
