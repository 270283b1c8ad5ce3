import { HTTP } from 'cloudevents';
import { nestsDeeperThan, tooDeep } from '../contracts/json-depth';
import { decodeHeaderValue } from './header-encoding';

export interface HttpMessage {
  headers: Record<string, string>;
  body: string;
}

export type Decoded = { ok: true; event: Record<string, unknown> } | { ok: false; reason: string };

const WIRE_ATTRIBUTES = ['specversion', 'id', 'time'];

/**
 * Turns an HTTP request into a plain CloudEvent object (attributes + `data`) with the official SDK.
 * Accepts binary mode (`ce-*` headers, as Knative delivers) and structured mode
 * (`application/cloudevents+json`, as Dapr delivers, extras such as `topic` or `traceid` included).
 * JSON data is parsed, also from `data_base64`; batches are refused, and so is JSON nested more than
 * `MAX_JSON_DEPTH` levels, before the SDK or the schemas walk it (so it is a drop, never a 500).
 * `id`, `time` and `specversion` (and structured `data`) are kept as sent: the SDK would invent or
 * drop them. Never throws.
 */
export function decodeHttpEvent(message: HttpMessage): Decoded {
  try {
    const headers = lowerCaseKeys(message.headers);
    const contentType = headers['content-type'] ?? '';
    if (contentType.startsWith('application/cloudevents-batch')) return notOk('batched CloudEvents are not accepted');
    if (contentType.startsWith('application/cloudevents')) return decodeStructured(message.body);
    return decodeBinary(headers, message.body);
  } catch (error) {
    return notOk(`not a CloudEvent: ${(error as Error).message}`);
  }
}

function decodeStructured(body: string): Decoded {
  const parsed = parseJson(body);
  if (!parsed.ok) return notOk(`the structured CloudEvent is not valid JSON: ${parsed.reason}`);
  if (nestsDeeperThan(parsed.value)) return notOk(tooDeep('the structured CloudEvent'));
  if (!isPlainObject(parsed.value)) return notOk('the structured CloudEvent must be a JSON object');
  const { data_base64: base64, ...wire } = parsed.value;
  const data = base64 === undefined ? undefined : decodeBase64Data(base64, wire['datacontenttype']);
  if (data && !data.ok) return data;
  const event = HTTP.toEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body: wire });
  if (Array.isArray(event)) return notOk('batched CloudEvents are not accepted');
  return { ok: true, event: { ...withWireAttributes(event, wire, [...WIRE_ATTRIBUTES, 'data']), ...data?.fields } };
}

function decodeBinary(encoded: Record<string, string>, body: string): Decoded {
  const headers = Object.fromEntries(Object.entries(encoded).map(([name, value]) => [name, name.startsWith('ce-') ? decodeHeaderValue(value) : value]));
  const event = HTTP.toEvent({ headers, body: '' });
  if (Array.isArray(event)) return notOk('batched CloudEvents are not accepted');
  const wire = Object.fromEntries(WIRE_ATTRIBUTES.map((name) => [name, headers[`ce-${name}`]]));
  const attributes = withWireAttributes(event, wire, WIRE_ATTRIBUTES);
  if (body === '') return { ok: true, event: withoutKey(attributes, 'data') };
  if (!isJson(headers['content-type'])) return { ok: true, event: { ...attributes, data: body } };
  const data = parseJson(body);
  if (!data.ok) return notOk(`the event data is not valid JSON: ${data.reason}`);
  if (nestsDeeperThan(data.value)) return notOk(tooDeep('the event data'));
  return { ok: true, event: { ...attributes, data: data.value } };
}

function decodeBase64Data(base64: unknown, contentType: unknown) {
  if (typeof base64 !== 'string') return notOk('data_base64 must be a string');
  if (!isJson(contentType)) return { ok: true as const, fields: { data_base64: base64 } };
  const data = parseJson(Buffer.from(base64, 'base64').toString('utf8'));
  if (!data.ok) return notOk(`data_base64 is not valid JSON: ${data.reason}`);
  if (nestsDeeperThan(data.value)) return notOk(tooDeep('data_base64'));
  return { ok: true as const, fields: { data: data.value } };
}

function withWireAttributes(event: object, wire: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event)) if (value !== undefined) attributes[name] = value;
  for (const name of names) {
    if (wire[name] === undefined) delete attributes[name];
    else attributes[name] = wire[name];
  }
  return attributes;
}

function isJson(contentType: unknown): boolean {
  if (typeof contentType !== 'string') return false;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

function withoutKey(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = record;
  return rest;
}

function notOk(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
