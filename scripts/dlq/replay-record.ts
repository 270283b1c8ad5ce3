import type { OutgoingRecord } from '#shared/bus/kafka-record';
import { type AnyEvent, topicOf } from '#shared/events/catalog';
import { validateEvent } from '#shared/events/validate-event';
import { type CloudEventObject, type DeadLetter, REPLAYED_FROM_HEADER } from './dead-letter-record';
import { KNATIVE_ERROR_EXTENSIONS } from './knative-failure';

/**
 * What a transport added to the event, not part of it: Dapr's envelope fields (components-contrib
 * `pubsub/envelope.go`), which a KafkaSource also passes on as extensions for a Dapr-published
 * record, and Knative's error extensions (they describe the failed delivery, not the event).
 */
const TRANSPORT_ATTRIBUTES = new Set<string>(['topic', 'pubsubname', 'traceid', 'tracestate', ...KNATIVE_ERROR_EXTENSIONS]);

export type Replay = { ok: true; topic: string; record: OutgoingRecord; event: AnyEvent } | { ok: false; reason: string };

/**
 * The record that puts a dead letter's event back on its original topic: the CloudEvents Kafka
 * structured binding (value = the event as JSON, `content-type: application/cloudevents+json`), which
 * every path's consumer reads, keyed by the `partitionkey` so it lands on the partition of its task's
 * other events. Refused, with the reason, unless the event is a valid event of the catalog.
 */
export function replayOf(deadLetter: DeadLetter): Replay {
  if (!deadLetter.event) return { ok: false, reason: deadLetter.notAnEvent?.why ?? 'the record holds no CloudEvent' };
  const event = withoutTransportAttributes(deadLetter.event);
  const validation = validateEvent(event);
  if (!validation.ok) return { ok: false, reason: validation.reason };
  return {
    ok: true,
    topic: deadLetter.origin.topic ?? topicOf(validation.event.type),
    event: validation.event,
    record: {
      key: validation.event.partitionkey,
      value: JSON.stringify(event),
      headers: { 'content-type': 'application/cloudevents+json', [REPLAYED_FROM_HEADER]: positionOf(deadLetter) },
    },
  };
}

/** `<topic>/<partition>/<offset>`: where a dead letter is. */
export function positionOf(deadLetter: Pick<DeadLetter, 'deadLetterTopic' | 'partition' | 'offset'>): string {
  return `${deadLetter.deadLetterTopic}/${deadLetter.partition}/${deadLetter.offset}`;
}

function withoutTransportAttributes(event: CloudEventObject): CloudEventObject {
  return Object.fromEntries(Object.entries(event).filter(([name]) => !TRANSPORT_ATTRIBUTES.has(name)));
}
