import { describe, expect, it } from 'vitest';
import { deadLetterHeaders } from '../bus/kafka-dead-letter';
import { eventToRecord, headerStrings, type IncomingRecord } from '../bus/kafka-record';
import { daprPathDeadLetter, knativePathDeadLetter } from '../../../scripts/dlq/dead-letter-fixtures';
import { documentUnderTest } from './asyncapi-test-kit';
import { exampleEvent } from './example-events';

const { messageErrors } = documentUnderTest();
const event = exampleEvent('dev.todo.reminder.delivered.v1');
const from = { topic: 'reminder-events', partition: 2, offset: '17' };

describe('dead letters as each delivery path writes them', () => {
  it('the kafkajs consumer loop: the record as it was, with the dead-letter-* headers', () => {
    const record = eventToRecord(event);
    const consumed: IncomingRecord = { ...from, key: Buffer.from(record.key), value: Buffer.from(record.value), headers: record.headers, timestamp: '0' };
    const headers = headerStrings(deadLetterHeaders(consumed, { consumer: 'notification', reason: 'handler failed: timeout', attempts: 9 }));

    expect(messageErrors('DeadLetter.kafka', 'headers', headers)).toEqual([]);
    expect(messageErrors('DeadLetter.kafka', 'key', record.key)).toEqual([]);
  });

  it('Knative: the event in binary mode with the knativeerror* extensions', () => {
    const answered = knativePathDeadLetter(event, { destination: 'http://notification.todo.svc.cluster.local/events', response: { status: 400, body: '{"title":"Event Dropped"}' } });
    const unanswered = knativePathDeadLetter(event, { destination: 'http://notification.todo.svc.cluster.local/events' });

    for (const message of [answered, unanswered]) expect(messageErrors('DeadLetter.knative', 'headers', headerStrings(message.headers))).toEqual([]);
  });

  it('Dapr: the consumed envelope with where it came from', async () => {
    const { message } = await daprPathDeadLetter(event, from);

    expect(messageErrors('DeadLetter.dapr', 'headers', headerStrings(message.headers))).toEqual([]);
    expect(messageErrors('DeadLetter.dapr', 'key', String(message.key))).toEqual([]);
  });

  it('a record without where it came from is not a dead letter of the kafkajs path', () => {
    expect(messageErrors('DeadLetter.kafka', 'headers', eventToRecord(event).headers)).toContain("(root) must have required property 'dead-letter-reason'");
  });
});
