import { readFileSync } from 'node:fs';
import { HTTP, Kafka } from 'cloudevents';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { daprSidecarIn } from '../dapr/dapr-sidecar';
import { mountEventRoutes } from '../events/http-event-routes';
import { aTask, aTaskCompleted, aTaskCreated, eventContext, recordingConsumer, recordingLog } from '../testing/event-fixtures';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '../testing/fake-dapr/fake-dapr-sidecar';
import { testAuth } from '../testing/test-auth';
import { testEventPath } from '../testing/test-event-path';
import { traceIdOf } from '../trace/traceparent';
import { createDaprBus, daprPubsubName } from './dapr-bus';
import { asKafkaMessage, daprPublishContract } from './dapr-publish.contract';

/** The pubsub.kafka component's excludeHeaderMetaRegex, read from the manifest the cluster applies. */
function excludeHeaderMetaRegexOfManifest(): string {
  const component = parseAllDocuments(readFileSync(new URL('../../../dapr/subscriptions/pubsub.yaml', import.meta.url), 'utf8'))[0]!.toJS() as {
    spec: { metadata: { name: string; value: string }[] };
  };
  return component.spec.metadata.find((item) => item.name === 'excludeHeaderMetaRegex')!.value;
}

/** The record as a KafkaSource's consumer reads it (the SDK's KafkaMessage also names the value `body`). */

let sidecar: FakeDaprSidecar;
beforeAll(async () => {
  sidecar = await startFakeDaprSidecar({ appId: 'task', apiToken: 'sidecar-token', pubsubs: { pubsub: { excludeHeaderMetaRegex: excludeHeaderMetaRegexOfManifest() }, unsampled: { sampled: false } } });
});
afterAll(() => sidecar?.close());

function givenBus(url = 'dapr://pubsub') {
  sidecar.records.length = 0;
  sidecar.requests.length = 0;
  return createDaprBus({ url, sidecar: daprSidecarIn(sidecar.env), log: recordingLog().log });
}

describe('Dapr bus: publishing through the sidecar', () => {
  it('keeps the event\'s traceparent where the sidecar does not sample (kind): daprd would write ""', async () => {
    const bus = givenBus('dapr://unsampled');
    const event = aTaskCreated();
    await bus.publish([event]);
    const written = JSON.parse(sidecar.records[0]!.value) as Record<string, unknown>;
    expect(written).toMatchObject({ traceparent: event.traceparent, traceid: event.traceparent });
  });

  it('posts each event, in order, as a structured CloudEvent keyed by its partitionkey', async () => {
    const bus = givenBus();
    const created = aTaskCreated();
    const completed = aTaskCompleted(aTask({ status: 'completed' }), eventContext({ newId: () => 'evt-2' }));

    await bus.publish([created, completed]);

    expect(sidecar.requests.map((request) => [request.method, request.path, request.query])).toEqual([
      ['POST', '/v1.0/publish/pubsub/task-events', { 'metadata.partitionKey': created.partitionkey, 'metadata.content-type': 'application/cloudevents+json' }],
      ['POST', '/v1.0/publish/pubsub/task-events', { 'metadata.partitionKey': completed.partitionkey, 'metadata.content-type': 'application/cloudevents+json' }],
    ]);
    expect(sidecar.requests[0]!.headers).toMatchObject({ 'content-type': 'application/cloudevents+json', traceparent: created.traceparent, 'dapr-api-token': 'sidecar-token' });
    expect(JSON.parse(sidecar.requests[0]!.body)).toEqual({ ...created, traceid: created.traceparent });
    expect(sidecar.records.map((record) => [record.topic, record.key, JSON.parse(record.value).id])).toEqual([
      ['task-events', created.partitionkey, created.id],
      ['task-events', completed.partitionkey, completed.id],
    ]);
  });

  it('writes a record whose only header is content-type: the manifest keeps partitionKey out of the headers (trap 8)', async () => {
    const bus = givenBus();

    await bus.publish([aTaskCreated()]);

    expect(sidecar.records[0]!.headers).toEqual({ 'content-type': 'application/cloudevents+json' });
  });

  it('produces a record a KafkaSource decodes as the same event, which a consumer\'s POST /events accepts', async () => {
    const bus = givenBus();
    const event = aTaskCreated();
    await bus.publish([event]);
    const record = asKafkaMessage(sidecar.records[0]!);

    // KafkaSource: a record with content-type application/cloudevents+json is a structured CloudEvent.
    expect(Kafka.isEvent(record)).toBe(true);
    const decoded = Kafka.toEvent(record);
    if (Array.isArray(decoded)) throw new Error('expected one event');
    expect(decoded).toMatchObject({ id: event.id, source: event.source, type: event.type, subject: event.subject, partitionkey: event.partitionkey, userid: event.userid, data: event.data });
    expect(traceIdOf(decoded.traceparent as string)).toBe(traceIdOf(event.traceparent));

    // ...and delivers it to the sink in binary mode.
    const consumer = recordingConsumer();
    const eventPath = await testEventPath(testAuth().authenticate);
    const app = mountEventRoutes(new Hono(), consumer, { log: recordingLog().log, pubsubName: 'pubsub', senders: eventPath.senders });
    const { headers, body } = HTTP.binary(decoded);
    const response = await app.request('/events', { method: 'POST', headers: { ...(headers as Record<string, string>), authorization: await eventPath.authorization() }, body: body as string });

    expect(response.status).toBe(202);
    expect(consumer.calls.map((call) => call.event)).toEqual([{ ...event, traceparent: decoded.traceparent }]);
  });

  it('needs that content-type: a plain Dapr publish of a CloudEvent is not a CloudEvent to a KafkaSource (trap 7)', async () => {
    givenBus();
    const event = aTaskCreated();

    await fetch(`${sidecar.url}/v1.0/publish/pubsub/task-events?metadata.partitionKey=${event.partitionkey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': 'sidecar-token' },
      body: JSON.stringify(event),
    });

    expect(sidecar.records[0]!.headers).toEqual({});
    expect(() => Kafka.toEvent(asKafkaMessage(sidecar.records[0]!))).toThrow(/No CloudEvent detected/);
  });

  it('rejects when the sidecar answers anything but 204, so the outbox keeps the events; the next try publishes them', async () => {
    const bus = givenBus();
    const event = aTaskCreated();
    sidecar.failNext(1);

    await expect(bus.publish([event])).rejects.toThrow(/Dapr did not publish dev\.todo\.task\.created\.v1 evt-1 to pubsub\/task-events: 500/);
    expect(sidecar.records).toEqual([]);

    await bus.publish([event]);
    expect(sidecar.records).toHaveLength(1);
  });

  it('rejects for a pub/sub component the sidecar does not have, and when no sidecar answers', async () => {
    await expect(givenBus('dapr://missing').publish([aTaskCreated()])).rejects.toThrow(/: 404 /);

    const nobody = createDaprBus({ url: 'dapr://pubsub', sidecar: daprSidecarIn({ DAPR_HTTP_PORT: '1' }), log: recordingLog().log });
    await expect(nobody.publish([aTaskCreated()])).rejects.toThrow();
  });

  it('is ready when the sidecar\'s components are (healthz/outbound), not while it starts or once closed', async () => {
    const bus = givenBus();
    sidecar.setStarting(true);
    expect(await bus.isReady()).toBe(false);
    sidecar.setStarting(false);
    expect(await bus.isReady()).toBe(true);

    await bus.close();
    expect(await bus.isReady()).toBe(false);
    await expect(bus.publish([aTaskCreated()])).rejects.toThrow(/closed/);
  });

  it('takes the pub/sub component name from EVENT_BUS_URL', () => {
    expect(daprPubsubName('dapr://pubsub')).toBe('pubsub');
    expect(daprPubsubName('dapr://kafka-pubsub/')).toBe('kafka-pubsub');
    for (const url of ['dapr://', 'dapr://a/b', 'kafka://pubsub', 'dapr://bad name']) expect(() => daprPubsubName(url), url).toThrow(/dapr:\/\/<pubsub component name>/);
  });
});

daprPublishContract('the fake sidecar', {
  sidecar: () => daprSidecarIn(sidecar.env),
  recordOf: async (topic, eventId) => {
    const record = sidecar.records.find((candidate) => candidate.topic === topic && candidate.value.includes(eventId));
    if (!record) throw new Error(`no record of ${eventId} in ${topic}`);
    return record;
  },
});
