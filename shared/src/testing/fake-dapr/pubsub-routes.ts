import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { continueTrace } from '../../trace/traceparent';

/** A Kafka record as components-contrib `common/component/kafka/producer.go` writes it. */
export interface WrittenRecord {
  pubsub: string;
  topic: string;
  key: string | null;
  /** The record value: the envelope as JSON (or the raw body with `rawPayload`). */
  value: string;
  /** One header per publish metadata entry not excluded by `excludeHeaderMetaRegex`; nothing else. */
  headers: Record<string, string>;
}

export interface PubsubOptions {
  /** The component's `excludeHeaderMetaRegex` (Go syntax; the manifests' value works in JS). */
  excludeHeaderMetaRegex?: string;
  /**
   * Whether the sidecar's span is sampled (the Configuration's `samplingRate` > 0; kind runs 0). Not
   * sampled, daprd's span is empty and the trace fields it fills are `""`. Default: sampled.
   */
  sampled?: boolean;
}

const CLOUD_EVENT = 'application/cloudevents+json';

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * `POST /v1.0/publish/{pubsub}/{topic}` (platform.md §1.3, §1.5, §1.6): 404 for an unknown pubsub;
 * query parameters `metadata.<k>` become publish metadata. With `Content-Type:
 * application/cloudevents+json` the body is kept as the event (`FromCloudEvent`): only when it has no
 * `traceid` does daprd set `traceid` and `traceparent` to its own span (a child of the request's
 * `traceparent` header; `""` when not sampled), and `tracestate` only when absent; it always overwrites `topic` and `pubsubname`, adds `time`, `source`, `type`,
 * `specversion` when missing; a body that is not JSON → 500. Any other content type is wrapped in a
 * new envelope (`NewCloudEventsEnvelope`). `metadata.rawPayload=true` publishes the body as is.
 * `metadata.ttlInSeconds` adds `expiration` (Kafka has no native TTL). 204 once "written".
 */
export function pubsubRoutes(options: { appId: string; pubsubs: Record<string, PubsubOptions>; records: WrittenRecord[] }): Hono {
  const app = new Hono();
  app.post('/:pubsub/:topic', async (c) => {
    const pubsub = c.req.param('pubsub');
    const topic = c.req.param('topic');
    const component = options.pubsubs[pubsub];
    if (!component) return c.json({ errorCode: 'ERR_PUBSUB_NOT_FOUND', message: `pubsub ${pubsub} is not found` }, 404);

    const metadata = Object.fromEntries(Object.entries(c.req.query()).filter(([name]) => name.startsWith('metadata.')).map(([name, value]) => [name.slice('metadata.'.length), value]));
    const body = await c.req.text();
    let value = body;
    if (metadata.rawPayload !== 'true') {
      const traceparent = component.sampled === false ? '' : continueTrace(c.req.header('traceparent'));
      const trace = { traceid: traceparent, traceparent, tracestate: c.req.header('tracestate') ?? '' };
      let envelope: Record<string, unknown>;
      if (mediaType(c.req.header('content-type')) === CLOUD_EVENT) {
        let event: unknown;
        try {
          event = JSON.parse(body);
        } catch (error) {
          return c.json({ errorCode: 'ERR_PUBSUB_CLOUD_EVENTS_SER', message: `cannot create the CloudEvent: ${(error as Error).message}` }, 500);
        }
        const fields = event as Record<string, unknown>;
        envelope = {
          time: new Date().toISOString(),
          source: 'Dapr',
          type: 'com.dapr.event.sent',
          specversion: '1.0',
          ...fields,
          ...('traceid' in fields ? {} : { traceid: trace.traceid, traceparent: trace.traceparent }),
          ...('tracestate' in fields ? {} : { tracestate: trace.tracestate }),
          topic,
          pubsubname: pubsub,
        };
      } else {
        const contentType = c.req.header('content-type') ?? 'text/plain';
        envelope = { id: randomUUID(), specversion: '1.0', datacontenttype: contentType, source: options.appId, type: 'com.dapr.event.sent', topic, pubsubname: pubsub, ...trace, data: parseIfJson(body, contentType) };
      }
      const ttl = Number(metadata.ttlInSeconds);
      if (ttl > 0) envelope.expiration = new Date(Date.now() + ttl * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      value = JSON.stringify(envelope);
    }

    const exclude = component.excludeHeaderMetaRegex ? new RegExp(component.excludeHeaderMetaRegex) : null;
    const headers = Object.fromEntries(Object.entries(metadata).filter(([name]) => !exclude?.test(name)));
    options.records.push({ pubsub, topic, key: metadata.partitionKey ?? metadata.__key ?? null, value, headers });
    return c.body(null, 204);
  });
  return app;
}

function parseIfJson(body: string, contentType: string): unknown {
  if (!/[/+]json$/.test(mediaType(contentType))) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
