import { randomUUID } from 'node:crypto';
import { createDaprBus } from '../../shared/src/bus/dapr-bus';
import type { Logger } from '../../shared/src/log/logger';
import { sampleEvent } from './entry-kit';
import { type KafkaRecord, readRecords } from './kafka-records';
import { type Finding, loggedSince, outcome, type ProbeContext, wire } from './probe-kit';

const CLOUD_EVENT = 'application/cloudevents+json';
const TOPIC = 'reminder-events';
const quiet = { debug: () => {} } as unknown as Logger;

/**
 * A structured CloudEvent with `metadata.partitionKey` through `pubsub.publish` and through
 * createDaprBus, both read back from Kafka; and a publish to a pub/sub that does not exist.
 */
export async function probePublish(context: ProbeContext, kafkaBrokers: string): Promise<Finding[]> {
  const bus = createDaprBus({ url: 'dapr://pubsub', sidecar: context.sidecar, log: quiet });
  const viaSdk = sampleEvent(randomUUID(), randomUUID());
  const viaBus = sampleEvent(randomUUID(), randomUUID());
  let mark = context.sdkLog.length;
  const sdkResult = await outcome(() =>
    context.sdk.pubsub.publish('pubsub', TOPIC, { ...viaSdk, traceid: viaSdk.traceparent }, {
      contentType: CLOUD_EVENT,
      metadata: { partitionKey: viaSdk.partitionkey, 'content-type': CLOUD_EVENT },
    }),
  );
  const busResult = await outcome(() => bus.publish([viaBus]));
  const records = await readRecords(kafkaBrokers, TOPIC, [viaSdk.id, viaBus.id]);
  const findings: Finding[] = [{
    block: 'publish',
    case: 'structured CloudEvent (application/cloudevents+json), metadata partitionKey and content-type; the Kafka record',
    daprd: '204 for both',
    sdk: `${sdkResult}${loggedSince(context.sdkLog, mark)}; record: ${describe(records.get(viaSdk.id), viaSdk)}`,
    direct: `${busResult}; record: ${describe(records.get(viaBus.id), viaBus)}`,
  }];

  const lost = sampleEvent(randomUUID(), randomUUID());
  mark = context.sdkLog.length;
  findings.push({
    block: 'publish',
    case: 'publish to a pub/sub component that does not exist',
    daprd: await wire(context.sidecar, `/v1.0/publish/no-such-pubsub/${TOPIC}`, { method: 'POST', headers: { 'content-type': CLOUD_EVENT }, body: JSON.stringify(lost) }),
    sdk: (await outcome(() => context.sdk.pubsub.publish('no-such-pubsub', TOPIC, lost, { contentType: CLOUD_EVENT }))) + loggedSince(context.sdkLog, mark),
    direct: await outcome(() => createDaprBus({ url: 'dapr://no-such-pubsub', sidecar: context.sidecar, log: quiet }).publish([lost])),
  });
  findings.push({
    block: 'publish',
    case: 'a traceparent header on the publish request (daprd makes its span a child of it)',
    daprd: '-',
    sdk: 'no way to set one: PubSubPublishOptions has contentType and metadata only (from the SDK source; the body’s traceid still keeps the event’s traceparent)',
    direct: 'sent: traceparent = the event’s traceparent',
  });
  return findings;
}

const EVENT_FIELDS = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'partitionkey', 'userid', 'data', 'traceparent'] as const;

/** Record key, headers, and which of the event's fields arrived unchanged. */
function describe(record: KafkaRecord | undefined, event: ReturnType<typeof sampleEvent>): string {
  if (!record) return 'NOT FOUND in Kafka within 60 s';
  const changed = EVENT_FIELDS.filter((field) => canonical(record.value[field]) !== canonical(event[field]));
  const added = Object.keys(record.value).filter((field) => !(EVENT_FIELDS as readonly string[]).includes(field));
  const kept = changed.length === 0 ? `all ${EVENT_FIELDS.length} event fields kept (data compared key by key)` : `changed: ${changed.join(', ')}`;
  return `key ${record.key === event.partitionkey ? '= partitionkey' : JSON.stringify(record.key)}, headers ${JSON.stringify(record.headers)}, ${kept}, added ${added.join(', ')}`;
}

/** JSON with object keys sorted: daprd re-serialises `data`, which reorders its keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}
