import type { OutgoingRecord } from '../bus/kafka-record';

/**
 * An event in the CloudEvents Kafka binding, structured mode: the whole event as the JSON value,
 * `content-type: application/cloudevents+json`, the `partitionkey` (when it has one) as the key. What
 * the dead-letter replay and a structured producer write; Dapr writes the same with attributes of its own.
 */
export function structuredRecord(event: object): Omit<OutgoingRecord, 'key'> & { key: string | null } {
  const partitionkey = (event as { partitionkey?: unknown }).partitionkey;
  return {
    key: typeof partitionkey === 'string' ? partitionkey : null,
    value: JSON.stringify(event),
    headers: { 'content-type': 'application/cloudevents+json' },
  };
}
