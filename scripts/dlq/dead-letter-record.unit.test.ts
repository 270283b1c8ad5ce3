import { describe, expect, it } from 'vitest';
import { deadLetterHeaders } from '#shared/bus/kafka-dead-letter';
import { type IncomingRecord, recordToHttp } from '#shared/bus/kafka-record';
import { decodeHttpEvent } from '#shared/events/decode-http';
import { aTask, aTaskCreated, recordingConsumer } from '#shared/testing/event-fixtures';
import { consumedAs, daprPathDeadLetter, javaTime, kafkaPathDeadLetter, knativeDelivery, knativePathDeadLetter } from './dead-letter-fixtures';
import { normaliseDeadLetter } from './dead-letter-record';

const NOW = new Date('2026-05-01T09:00:07.000Z');
const AT = { topic: 'audit-dead-letter', partition: 0, offset: '7' };
const AUDIT_EVENTS_URL = 'http://audit.todo.svc.cluster.local/events';
const event = aTaskCreated();

describe('a dead letter of the project\'s kafkajs consumer', () => {
  it('gives the reason, attempts, consumer and origin from its dead-letter headers, and the event from its ce_ headers', () => {
    const message = kafkaPathDeadLetter(event, { consumer: 'audit', reason: 'database refused the data (23514): no', attempts: 1 }, { topic: 'task-events', partition: 3, offset: '41' }, NOW);

    expect(normaliseDeadLetter(consumedAs(message, AT))).toEqual({
      deadLetterTopic: 'audit-dead-letter',
      partition: 0,
      offset: '7',
      path: 'kafka',
      consumer: 'audit',
      reason: 'database refused the data (23514): no (after 1 attempt)',
      origin: { topic: 'task-events', partition: 3, offset: '41' },
      time: NOW.toISOString(),
      event,
    });
  });

  it('keeps a record that is no CloudEvent as its value, with why', () => {
    const poison: IncomingRecord = { topic: 'task-events', partition: 2, offset: '9', key: Buffer.from('k'), value: Buffer.from('this is not a CloudEvent'), headers: { origin: 'test' }, timestamp: '0' };
    const message = { key: poison.key, value: poison.value, headers: deadLetterHeaders(poison, { consumer: 'reminder', reason: 'unknown event type "dev.knative.kafka.event"', attempts: 6 }, NOW) };

    const deadLetter = normaliseDeadLetter(consumedAs(message, { ...AT, topic: 'reminder-dead-letter' }));

    expect(deadLetter).toMatchObject({ path: 'kafka', consumer: 'reminder', reason: 'unknown event type "dev.knative.kafka.event" (after 6 attempts)', origin: { topic: 'task-events', partition: 2, offset: '9' }, event: null });
    expect(deadLetter.notAnEvent).toEqual({ why: expect.stringContaining('not a CloudEvent'), value: 'this is not a CloudEvent' });
  });
});

describe('a dead letter of Knative (KafkaSource → dead-letter KafkaSink)', () => {
  it('reads the reason from knativeerrorcode and the function\'s problem+json in knativeerrordata, and the origin topic from the event type', async () => {
    const broken = { ...event, data: { task: { ...aTask(), title: 42 }, commandId: null } };
    const response = await knativeDelivery(recordingConsumer(), broken);
    expect(response.status).toBe(400);
    const message = knativePathDeadLetter(broken, { destination: AUDIT_EVENTS_URL, response });

    const deadLetter = normaliseDeadLetter(consumedAs(message, AT, NOW.getTime()));

    expect(deadLetter).toMatchObject({ path: 'knative', consumer: 'audit', origin: { topic: 'task-events' }, time: NOW.toISOString() });
    expect(deadLetter.reason).toMatch(/^HTTP 400 from http:\/\/audit\.todo\.svc\.cluster\.local\/events: invalid dev\.todo\.task\.created\.v1: data\.task\.title: /);
    expect(deadLetter.event).toEqual({
      ...broken,
      time: javaTime(broken.time),
      knativeerrordest: AUDIT_EVENTS_URL,
      knativeerrorcode: '400',
      knativeerrordata: Buffer.from(response.body).toString('base64'),
    });
  });

  it('says when the function never answered (only knativeerrordest is set)', () => {
    const message = knativePathDeadLetter(event, { destination: AUDIT_EVENTS_URL });

    expect(normaliseDeadLetter(consumedAs(message, AT)).reason).toBe(`no answer from ${AUDIT_EVENTS_URL} (timeout or connection failure) through the retries`);
  });

  it('has no event for a record KafkaSource wrapped as dev.knative.kafka.event, and takes the origin from the wrapper', async () => {
    const plain: IncomingRecord = { topic: 'task-events', partition: 3, offset: '41', key: Buffer.from('k'), value: Buffer.from('{"not":"an event"}'), headers: {}, timestamp: String(NOW.getTime()) };
    const wrapped = decodeHttpEvent(recordToHttp(plain, { namespace: 'todo', sourceName: 'audit' }));
    if (!wrapped.ok) throw new Error(wrapped.reason);
    const message = knativePathDeadLetter(wrapped.event, { destination: AUDIT_EVENTS_URL, response: await knativeDelivery(recordingConsumer(), wrapped.event) });

    const deadLetter = normaliseDeadLetter(consumedAs(message, AT));

    expect(deadLetter).toMatchObject({ path: 'knative', event: null, origin: { topic: 'task-events', partition: 3, offset: '41' } });
    expect(deadLetter.reason).toBe(`HTTP 400 from ${AUDIT_EVENTS_URL}: unknown event type "dev.knative.kafka.event"`);
    expect(deadLetter.notAnEvent).toEqual({ why: expect.stringContaining('wrapped a record that was none as dev.knative.kafka.event'), value: '{"not":"an event"}' });
  });
});

describe('a dead letter of Dapr pub/sub', () => {
  it('takes the origin from Dapr\'s __topic, __partition, __offset headers, the event from the structured value, and says where the reason is', async () => {
    const { message, envelope } = await daprPathDeadLetter(event, { partition: 5, offset: '12' });

    const deadLetter = normaliseDeadLetter(consumedAs(message, AT, NOW.getTime()));

    expect(deadLetter).toEqual({
      deadLetterTopic: 'audit-dead-letter',
      partition: 0,
      offset: '7',
      path: 'dapr',
      consumer: 'audit',
      reason: `not recorded by Dapr; see the audit function's log for eventId ${event.id} ("event drop", or "event retry" until Dapr's retries ran out)`,
      origin: { topic: 'task-events', partition: 5, offset: '12' },
      time: NOW.toISOString(),
      event: envelope,
    });
    expect(envelope).toMatchObject({ ...event, traceparent: expect.any(String), topic: 'task-events', pubsubname: 'pubsub' });
  });
});
