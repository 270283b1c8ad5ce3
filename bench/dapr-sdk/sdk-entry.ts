// The SDK's side of bench/dapr-sdk: @dapr/dapr's DaprClient over HTTP for a secret, state get + save
// with an ETag and first-write, and a structured CloudEvent publish (the SDK 3.18 has no Jobs client).
// Bundled by compare.ts with the options of scripts/build.mjs; run as `node sdk.mjs` it makes the one
// call BENCH_CALL names against the sidecar at DAPR_HTTP_PORT and prints one JSON line.
import { randomUUID } from 'node:crypto';
import { CommunicationProtocolEnum, DaprClient, LogLevel, StateConcurrencyEnum, StateConsistencyEnum } from '@dapr/dapr';
import { topicOf } from '../../shared/src/events/catalog';
import { benchCall, runEntry, sampleEvent } from './entry-kit';

const CLOUD_EVENT = 'application/cloudevents+json';

void runEntry(async () => {
  const { call, store, name } = benchCall(process.env);
  const client = new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: process.env.DAPR_HTTP_PORT ?? '3500',
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    daprApiToken: process.env.DAPR_API_TOKEN,
    logger: { level: LogLevel.Error },
  });
  if (call === 'secret') return client.secret.get(store, name);
  if (call === 'state') {
    // state.get gives the value only; the bulk read is the SDK's one way to the ETag.
    const [item] = (await client.state.getBulk(store, [name])) as { etag?: string; data?: unknown }[];
    const count = typeof item?.data === 'number' ? item.data : 0;
    const saved = await client.state.save(store, [
      { key: name, value: count + 1, etag: item?.etag, options: { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE, consistency: StateConsistencyEnum.CONSISTENCY_UNSPECIFIED }, metadata: { ttlInSeconds: '120' } },
    ]);
    if (saved.error) throw saved.error;
    return client.state.get(store, name);
  }
  const event = sampleEvent(randomUUID(), randomUUID());
  const published = await client.pubsub.publish(store, topicOf(event.type), { ...event, traceid: event.traceparent }, {
    contentType: CLOUD_EVENT,
    metadata: { partitionKey: event.partitionkey, 'content-type': CLOUD_EVENT },
  });
  if (published.error) throw published.error;
  return event.id;
});
