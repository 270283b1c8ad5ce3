import type { FormSchemas } from './form-schemas';
import type { JsonSchema } from './json-schema';

export type BinaryBinding = 'kafka' | 'http';

/** The attribute a binary-mode event carries as `content-type` instead of a prefixed header. */
const CONTENT_TYPE_ATTRIBUTE = 'datacontenttype';
const PREFIX: Record<BinaryBinding, string> = { kafka: 'ce_', http: 'ce-' };

/** The header a binary-mode attribute travels in: `ce_id` on Kafka, `ce-id` on HTTP. */
export function attributeHeader(binding: BinaryBinding, attribute: string): string {
  return attribute === CONTENT_TYPE_ATTRIBUTE ? 'content-type' : `${PREFIX[binding]}${attribute}`;
}

/**
 * The headers of a binary-mode CloudEvent: `content-type` = `datacontenttype`, every other attribute
 * (extensions included) as `ce_<name>` on Kafka or `ce-<name>` on HTTP. `content-type` is required
 * even where the attribute is optional: without it the value is not read as JSON, and the event is
 * dropped. HTTP header values are percent-encoded where needed (HTTP binding §3.1.3.2), so their
 * lengths are not bounded there. Other headers may come along (a tracing header, Knative's own).
 */
export function binaryHeadersSchema(schemas: FormSchemas, binding: BinaryBinding): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [attribute, schema] of Object.entries(schemas.attributes)) {
    if (schema.type !== 'string') throw new Error(`attribute ${attribute} is not a string; a header cannot carry it as is`);
    properties[attributeHeader(binding, attribute)] = binding === 'http' ? withoutMaxLength(schema) : schema;
  }
  const required = new Set(['content-type', ...schemas.required.map((attribute) => attributeHeader(binding, attribute))]);
  return { type: 'object', properties: contentTypeFirst(properties), required: [...required] };
}

function withoutMaxLength({ maxLength: _encodedLonger, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

function contentTypeFirst(properties: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const { 'content-type': contentType, ...rest } = properties;
  return contentType ? { 'content-type': contentType, ...rest } : rest;
}
