import { randomUUID } from 'node:crypto';
import { Kafka } from 'cloudevents';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { DaprSidecar } from '../dapr/dapr-sidecar';
import { aTask, aTaskCreated, eventContext } from '../testing/event-fixtures';
import { createDaprBus } from './dapr-bus';

/** A record as the broker (or the fake sidecar) holds it. */
export interface PublishedRecord {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export interface PublishContractSubject {
  sidecar: () => DaprSidecar;
  /** The record of `topic` whose value holds `eventId`, once it is there. */
  recordOf: (topic: string, eventId: string) => Promise<PublishedRecord>;
}

/** A record as the CloudEvents SDK's Kafka binding takes it (what KafkaSource's deserializer implements). */
export const asKafkaMessage = (record: PublishedRecord) => ({ key: record.key ?? '', value: record.value, body: record.value, headers: record.headers });
const freshEvent = () => aTaskCreated(aTask({ id: randomUUID() }), eventContext({ newId: () => randomUUID(), now: new Date() }));

/**
 * Publishing through the sidecar as the Dapr bus and the KafkaSource rely on it, run against the fake
 * sidecar in the quick suite and against a real daprd with pubsub.kafka (the cluster's component) in
 * the Dapr suite, so the fake cannot say what daprd does not.
 */
export function daprPublishContract(label: string, subject: PublishContractSubject): void {
  describe(`publishing through ${label}`, () => {
    it('writes one record keyed by the partition key, with only the content-type header, that a KafkaSource decodes as the same event, trace unchanged', async () => {
      const bus = createDaprBus({ url: 'dapr://pubsub', sidecar: subject.sidecar(), log: pino({ level: 'silent' }) });
      const event = freshEvent();
      await bus.publish([event]);

      const record = await subject.recordOf('task-events', event.id);
      expect(record.key).toBe(event.partitionkey);
      expect(record.headers).toEqual({ 'content-type': 'application/cloudevents+json' });
      const decoded = Kafka.toEvent(asKafkaMessage(record));
      expect(decoded).toMatchObject({ id: event.id, source: event.source, type: event.type, subject: event.subject, time: event.time, partitionkey: event.partitionkey, userid: event.userid, traceparent: event.traceparent, data: event.data });
    });

    it('without the content-type metadata writes a record that is no CloudEvent to a KafkaSource (trap 7)', async () => {
      const event = freshEvent();
      const { url, headers } = subject.sidecar();
      const response = await fetch(`${url}/v1.0/publish/pubsub/task-events?metadata.partitionKey=${event.partitionkey}`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/cloudevents+json' }),
        body: JSON.stringify(event),
      });
      expect(response.status).toBe(204);

      const record = await subject.recordOf('task-events', event.id);
      expect(record.headers).toEqual({});
      expect(() => Kafka.toEvent(asKafkaMessage(record))).toThrow(/No CloudEvent detected/);
    });
  });
}
