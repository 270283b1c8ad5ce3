import type { JsonSchema } from './json-schema';

/** How a CloudEvent travels: on Kafka or HTTP, its attributes as headers (binary) or all of it as JSON (structured). */
export type ContentMode = 'kafka-binary' | 'structured' | 'http-binary';

const SPEC = 'https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings';

/** What every message of a content mode shares: its media type, its correlation id, the binding it follows. */
export const CONTENT_MODE_TRAITS: Record<ContentMode, JsonSchema> = {
  'kafka-binary': {
    contentType: 'application/json',
    correlationId: { description: 'The W3C traceparent of the request that caused the event', location: '$message.header#/ce_traceparent' },
    tags: [{ name: 'binary-mode', description: 'CloudEvents binary content mode: the data is the body, the attributes are headers' }],
    externalDocs: { description: 'CloudEvents Kafka protocol binding 1.0.2, binary content mode', url: `${SPEC}/kafka-protocol-binding.md#32-binary-content-mode` },
  },
  structured: {
    contentType: 'application/cloudevents+json',
    correlationId: { description: 'The W3C traceparent of the request that caused the event', location: '$message.payload#/traceparent' },
    tags: [{ name: 'structured-mode', description: 'CloudEvents structured content mode: the whole event as one JSON object' }],
    externalDocs: { description: 'CloudEvents Kafka protocol binding 1.0.2, structured content mode', url: `${SPEC}/kafka-protocol-binding.md#33-structured-content-mode` },
  },
  'http-binary': {
    contentType: 'application/json',
    correlationId: { description: 'The W3C traceparent of the request that caused the event', location: '$message.header#/ce-traceparent' },
    tags: [{ name: 'binary-mode', description: 'CloudEvents binary content mode: the data is the body, the attributes are headers' }],
    externalDocs: { description: 'CloudEvents HTTP protocol binding 1.0.2, binary content mode', url: `${SPEC}/http-protocol-binding.md#31-binary-content-mode` },
  },
};
