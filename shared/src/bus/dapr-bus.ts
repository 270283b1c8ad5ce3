import { callSidecar, COMPONENT_NAME, type DaprSidecar } from '../dapr/dapr-sidecar';
import { topicOf } from '../events/catalog';
import type { Logger } from '../log/logger';
import type { BusMetrics } from './bus-metrics';
import type { EventBus } from './event-bus';

const CLOUD_EVENT = 'application/cloudevents+json';
/** Covers the sidecar's own retries of a publish (dapr/base/resiliency.yaml: up to 5, 10 s apart at most). */
const PUBLISH_TIMEOUT_MS = 30_000;
const HEALTH_TIMEOUT_MS = 2_000;

export interface DaprBusOptions {
  /** `dapr://<pubsub component name>` */
  url: string;
  sidecar: DaprSidecar;
  log: Logger;
  metrics?: BusMetrics;
}

/** The pub/sub component named by `dapr://<name>`. */
export function daprPubsubName(url: string): string {
  const match = /^dapr:\/\/([^/?#]+)\/?$/.exec(url);
  if (!match || !COMPONENT_NAME.test(match[1]!)) throw new Error(`EVENT_BUS_URL ${url} must be dapr://<pubsub component name>`);
  return match[1]!;
}

/**
 * Publishes through the Dapr sidecar: `POST /v1.0/publish/<pubsub>/<topic>` with the whole event as a
 * structured CloudEvent (`Content-Type: application/cloudevents+json`), so daprd keeps its id,
 * source, type, subject, time, data and extensions; it overwrites `topic` and `pubsubname`. The event
 * also carries `traceid` = its `traceparent`: daprd's `FromCloudEvent` replaces `traceparent` with its
 * own span's unless `traceid` is present, and an unsampled span (`samplingRate: 0`, as on kind) is
 * `""`, which every consumer would drop as an invalid event.
 * `metadata.partitionKey` = the event's `partitionkey` becomes the Kafka record key (one task's
 * events stay in one partition, in order). `metadata.content-type` becomes a Kafka header — pubsub.kafka
 * turns every metadata entry into a header and adds none itself — so the record is a CloudEvent in the
 * Kafka structured binding that a KafkaSource decodes as this very event (dapr/README.md).
 *
 * Publish-only: the events of a function's consumer arrive through `POST /dapr/events` (Dapr) or
 * `POST /events` (Knative), not through this bus, so `subscribe` only takes note. 204 means accepted;
 * anything else rejects, and the outbox keeps the events and tries again.
 */
export function createDaprBus(options: DaprBusOptions): EventBus {
  const pubsub = daprPubsubName(options.url);
  let closed = false;

  async function publishOne(event: Parameters<EventBus['publish']>[0][number]): Promise<void> {
    const topic = topicOf(event.type);
    const query = new URLSearchParams({ 'metadata.partitionKey': event.partitionkey, 'metadata.content-type': CLOUD_EVENT });
    const response = await callSidecar(options.sidecar, `/v1.0/publish/${pubsub}/${encodeURIComponent(topic)}?${query}`, {
      method: 'POST',
      headers: { 'content-type': CLOUD_EVENT, traceparent: event.traceparent },
      body: JSON.stringify({ ...event, traceid: event.traceparent }),
      timeoutMs: PUBLISH_TIMEOUT_MS,
    });
    if (response.status !== 204) {
      throw new Error(`Dapr did not publish ${event.type} ${event.id} to ${pubsub}/${topic}: ${response.status} ${(await response.text()).slice(0, 500)}`);
    }
    options.metrics?.published(topic);
  }

  return {
    async publish(events) {
      if (closed) throw new Error('event bus is closed');
      for (const event of events) await publishOne(event);
    },
    subscribe(consumer) {
      options.log.debug({ consumer: consumer.name, topics: consumer.topics }, 'events arrive through POST /dapr/events or POST /events, not from the Dapr bus');
    },
    async isReady() {
      if (closed) return false;
      try {
        const response = await callSidecar(options.sidecar, '/v1.0/healthz/outbound', { method: 'GET', timeoutMs: HEALTH_TIMEOUT_MS });
        return response.status === 204;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
    },
  };
}
