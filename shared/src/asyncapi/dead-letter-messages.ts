import { deadLetterHeaders, DEAD_LETTER_HEADERS } from '../bus/kafka-dead-letter';
import { eventToRecord } from '../bus/kafka-record';
import { CONSUMER_FUNCTIONS } from '../bus/kafka-topics';
import type { AnyEvent } from '../events/catalog';
import { topicOf } from '../events/catalog';
import { exampleEvent } from './example-events';
import { daprEnvelopeExample } from './examples';
import type { JsonSchema } from './json-schema';

const digits = { type: 'string', pattern: '^[0-9]+$' };
const anyValue = (description: string): JsonSchema => ({ description });

// The examples: the reminder function fails on a task event, the same failure written by each path.
const FAILED_TYPE = 'dev.todo.task.created.v1';
const FAILED_AT = { topic: topicOf(FAILED_TYPE), partition: 3, offset: '41' };
const REASON = 'database refused the data (22001): value too long for type character varying(300)';
const DROPPED_ANSWER = { type: 'about:blank', title: 'Event Dropped', status: 400, detail: REASON, instance: '/events' };

/**
 * What lands on `<function>-dead-letter`: each delivery path writes its own format (README, "Dead
 * letters"); the `scripts/dlq` tools read all three. The value is whatever the failed record held,
 * which need not be a valid event (that may be why it failed).
 */
export function deadLetterMessages(): Record<string, JsonSchema> {
  const failed = exampleEvent(FAILED_TYPE);
  return {
    'DeadLetter.kafka': {
      name: 'dead-letter',
      title: 'Dead letter from the kafkajs consumer loop',
      summary: 'The failed record as it was, with why and from where it was dead-lettered',
      description: 'Written by the project\'s consumer loop (`task up`, `EVENT_BUS_URL=kafka://…?consume=in-process`, the local dispatcher): the consumed record\'s key, value and headers unchanged (for a binary-mode event: `ce_*` headers, the data as the value), plus the `dead-letter-*` headers (`shared/src/bus/kafka-dead-letter.ts`).',
      headers: {
        type: 'object',
        properties: {
          [DEAD_LETTER_HEADERS.reason]: { type: 'string', maxLength: 2000, description: 'Why: the drop reason, or the last retry reason once the retries ran out' },
          [DEAD_LETTER_HEADERS.consumer]: { type: 'string', enum: [...CONSUMER_FUNCTIONS], description: 'The consumer group (the function) that gave up' },
          [DEAD_LETTER_HEADERS.attempts]: { ...digits, description: 'Deliveries tried' },
          [DEAD_LETTER_HEADERS.topic]: { type: 'string', description: 'Where the record was' },
          [DEAD_LETTER_HEADERS.partition]: digits,
          [DEAD_LETTER_HEADERS.offset]: digits,
          [DEAD_LETTER_HEADERS.time]: { type: 'string', format: 'date-time' },
        },
        required: Object.values(DEAD_LETTER_HEADERS),
      },
      payload: anyValue('The consumed record\'s value, unchanged'),
      bindings: { kafka: { key: { type: 'string', description: 'The consumed record\'s key, unchanged' }, bindingVersion: '0.5.0' } },
      examples: [kafkaPathExample(failed)],
    },
    'DeadLetter.knative': {
      name: 'dead-letter',
      title: 'Dead letter from Knative',
      summary: 'The failed event in binary mode with the knativeerror* extensions',
      description: 'Written by the KafkaSource dispatcher through the dead-letter KafkaSink (`contentMode: binary`), the cluster\'s default path: the event as a binary-mode record (the CloudEvents Java SDK writes `time` again, without trailing zeros in the fraction), plus `knativeerrordest` (the function\'s URL), and when the function answered, `knativeerrorcode` (its status) and `knativeerrordata` (its answer, base64, at most 1024 bytes). A record that was no CloudEvent arrives wrapped as `dev.knative.kafka.event`.',
      headers: {
        type: 'object',
        properties: {
          'content-type': { type: 'string' },
          ce_specversion: { type: 'string', const: '1.0' },
          ce_id: { type: 'string' },
          ce_source: { type: 'string' },
          ce_type: { type: 'string' },
          ce_knativeerrordest: { type: 'string', format: 'uri', description: 'The URL of the function that failed' },
          ce_knativeerrorcode: { ...digits, description: 'The HTTP status it answered' },
          ce_knativeerrordata: { type: 'string', contentEncoding: 'base64', description: 'Its answer (for a drop, the problem+json whose detail is the reason), at most 1024 bytes' },
        },
        required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_knativeerrordest'],
      },
      payload: anyValue('The event\'s data'),
      bindings: { kafka: { key: { type: 'string', description: 'The event\'s `partitionkey`' }, bindingVersion: '0.5.0' } },
      examples: [knativePathExample(failed)],
    },
    'DeadLetter.dapr': {
      name: 'dead-letter',
      title: 'Dead letter from Dapr',
      summary: 'The consumed value (Dapr\'s structured envelope) with where it came from',
      description: 'Written by daprd (the subscription\'s `deadLetterTopic`) in the always-on mode: the consumed value, normally Dapr\'s structured envelope (the event plus `topic`, `pubsubname`, `traceid`, `traceparent`, `tracestate`), with the consumed message\'s metadata as headers. The reason is not recorded: the function logs `event drop` with the event id.',
      headers: {
        type: 'object',
        properties: {
          __topic: { type: 'string', description: 'Where the record was' },
          __partition: digits,
          __offset: digits,
          pubsubName: { type: 'string', description: 'The Dapr pub/sub component' },
        },
        required: ['__topic', '__partition', '__offset'],
      },
      payload: anyValue('The consumed value, normally a structured CloudEvent'),
      bindings: { kafka: { key: { type: 'string', description: 'The consumed record\'s key' }, bindingVersion: '0.5.0' } },
      examples: [daprPathExample(failed)],
    },
  };
}

function kafkaPathExample(event: AnyEvent) {
  const record = eventToRecord(event);
  const consumed = { ...FAILED_AT, key: Buffer.from(record.key), value: Buffer.from(record.value), headers: record.headers, timestamp: '0' };
  const headers = deadLetterHeaders(consumed, { consumer: 'reminder', reason: REASON, attempts: 1 }, new Date('2026-05-01T09:00:07.000Z')) as Record<string, string>;
  return { name: 'dropped', summary: `A task event the reminder function dropped. Key: ${record.key}.`, headers, payload: JSON.parse(record.value) };
}

function knativePathExample(event: AnyEvent) {
  const failure = {
    time: event.time.replace('.000Z', 'Z'),
    knativeerrordest: 'http://reminder.todo.svc.cluster.local/events',
    knativeerrorcode: '400',
    knativeerrordata: Buffer.from(JSON.stringify(DROPPED_ANSWER)).toString('base64'),
  };
  const record = eventToRecord({ ...event, ...failure });
  return { name: 'dropped', summary: `A task event the reminder function dropped. Key: ${record.key}.`, headers: record.headers, payload: JSON.parse(record.value) };
}

function daprPathExample(event: AnyEvent) {
  const { payload } = daprEnvelopeExample(event);
  const headers = { __topic: FAILED_AT.topic, __partition: String(FAILED_AT.partition), __offset: FAILED_AT.offset, pubsubName: 'pubsub' };
  return { name: 'dropped', summary: `A task event the reminder function dropped. Key: ${event.partitionkey}.`, headers, payload };
}
