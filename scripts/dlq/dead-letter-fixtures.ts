import { CloudEvent, HTTP } from 'cloudevents';
import { Hono } from 'hono';
import type { Message } from 'kafkajs';
import { pino } from 'pino';
import { createDaprBus } from '#shared/bus/dapr-bus';
import { deadLetterHeaders } from '#shared/bus/kafka-dead-letter';
import { eventToRecord, type IncomingRecord } from '#shared/bus/kafka-record';
import { daprSidecarIn } from '#shared/dapr/dapr-sidecar';
import type { AnyEvent } from '#shared/events/catalog';
import type { Consumer } from '#shared/events/consumer';
import { mountEventRoutes } from '#shared/events/http-event-routes';
import { startFakeDaprSidecar } from '#shared/testing/fake-dapr/fake-dapr-sidecar';
import { testAuth } from '#shared/testing/test-auth';
import { testEventPath } from '#shared/testing/test-event-path';
import type { CloudEventObject } from './dead-letter-record';

// Dead-letter records built the way each path builds them, for the tests.

const silent = pino({ level: 'silent' });

export interface Consumed {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The project's own consumer (startConsumerLoop): the consumed binary-mode record (`eventToRecord`)
 * with its headers, key and value kept, plus `deadLetterHeaders`.
 */
export function kafkaPathDeadLetter(event: AnyEvent, failure: { consumer: string; reason: string; attempts: number }, from: Consumed, now: Date): Message {
  const original = eventToRecord(event);
  const consumed: IncomingRecord = { ...from, key: Buffer.from(original.key), value: Buffer.from(original.value), headers: original.headers, timestamp: String(now.getTime()) };
  return { key: consumed.key, value: consumed.value, headers: deadLetterHeaders(consumed, failure, now) };
}

/** A function's answer to a Knative delivery of `event` (binary mode, with the event path's token), as the dispatcher reads it. */
export async function knativeDelivery(consumer: Consumer, event: CloudEventObject): Promise<{ status: number; body: string }> {
  const eventPath = await testEventPath(testAuth().authenticate);
  const app = mountEventRoutes(new Hono(), consumer, { log: silent, pubsubName: 'pubsub', senders: eventPath.senders });
  const { headers, body } = HTTP.binary(new CloudEvent<unknown>({ ...event }));
  const response = await app.request('/events', { method: 'POST', headers: { ...(headers as Record<string, string>), authorization: await eventPath.authorization() }, body: body as string });
  return { status: response.status, body: await response.text() };
}

/**
 * Knative's path. The KafkaSource dispatcher adds `knativeerrordest`, and when the subscriber answered
 * `knativeerrorcode` and `knativeerrordata` (the body, cut at 1024 bytes, base64) — eventing-kafka-broker
 * `RecordDispatcherImpl.errorTransform` — and the dead-letter KafkaSink (`contentMode: binary`) writes
 * the event in the Kafka binary binding as the CloudEvents Java SDK maps it (`KafkaHeaders`):
 * `datacontenttype` as `content-type`, every other attribute as `ce_<name>`, the data as the value,
 * and the `partitionkey` as the key (`PartitionKeyExtensionInterceptor`). The Java SDK parses `time` and
 * writes it again (`Time.writeTime`).
 */
export function knativePathDeadLetter(event: CloudEventObject, failure: { destination: string; response?: { status: number; body: string } }): Message {
  const extensions: Record<string, string> = { knativeerrordest: failure.destination };
  if (failure.response) {
    extensions.knativeerrorcode = String(failure.response.status);
    extensions.knativeerrordata = Buffer.from(failure.response.body).subarray(0, 1024).toString('base64');
  }
  const written: CloudEventObject = { ...event, ...extensions };
  if (typeof event.time === 'string') written.time = javaTime(event.time);
  const { data, datacontenttype, ...attributes } = written;
  const headers: Record<string, string> = { 'content-type': String(datacontenttype) };
  for (const [name, value] of Object.entries(attributes)) headers[`ce_${name}`] = String(value);
  return { key: typeof event.partitionkey === 'string' ? event.partitionkey : null, value: typeof data === 'string' ? data : JSON.stringify(data), headers };
}

/** `time` as the CloudEvents Java SDK writes it: `ISO_OFFSET_DATE_TIME`, so a fraction loses its trailing zeros. */
export function javaTime(time: string): string {
  const match = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d*[1-9])?0*)?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!match) return time;
  const fraction = match[2] ?? '';
  return `${match[1]}${fraction ? `.${fraction}` : ''}${match[3]}`;
}

/**
 * Dapr's path (dapr/dapr `Subscription.sendToDeadLetter`): the consumed record's value — the structured
 * envelope Dapr published for the event, written here by the fake sidecar, which follows components-contrib
 * `FromCloudEvent` — published to the dead-letter topic with the consumed message's metadata as headers:
 * `__topic`, `__partition`, `__offset`, `pubsubName`, as a real daprd 1.18 writes them (`__key` is kept
 * out by the component's `excludeHeaderMetaRegex`). Also returns the envelope, whose trace fields are the sidecar's.
 */
export async function daprPathDeadLetter(event: AnyEvent, from: Omit<Consumed, 'topic'>): Promise<{ message: Message; envelope: CloudEventObject }> {
  const sidecar = await startFakeDaprSidecar({ appId: 'task', pubsubs: { pubsub: {} } });
  try {
    await createDaprBus({ url: 'dapr://pubsub', sidecar: daprSidecarIn(sidecar.env), log: silent }).publish([event]);
    const written = sidecar.records[0]!;
    const headers = { __topic: written.topic, __partition: String(from.partition), __offset: from.offset, pubsubName: written.pubsub };
    return { message: { key: written.key, value: written.value, headers }, envelope: JSON.parse(written.value) as CloudEventObject };
  } finally {
    await sidecar.close();
  }
}

/** A produced message as a consumer reads it back at `at`. */
export function consumedAs(message: Message, at: Consumed, timestamp = Date.now()): IncomingRecord {
  const buffer = (value: Buffer | string | null | undefined) => (value === null || value === undefined ? null : Buffer.from(value));
  return { ...at, key: buffer(message.key), value: buffer(message.value), headers: message.headers, timestamp: String(timestamp) };
}
