import { CloudEvent, HTTP } from 'cloudevents';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTaskCreated } from '../testing/event-fixtures';
import { decodeHttpEvent } from './decode-http';

type Message = { headers: Record<string, string>; body: string };
const asMessage = (message: { headers: Record<string, unknown>; body: unknown }): Message => ({
  headers: message.headers as Record<string, string>,
  body: message.body as string,
});

describe('decodeHttpEvent', () => {
  it('decodes a binary-mode event with JSON data, as Knative delivers it', () => {
    const event = aTaskCreated();

    const decoded = decodeHttpEvent(asMessage(HTTP.binary(new CloudEvent(event))));

    expect(decoded).toEqual({ ok: true, event });
  });

  it('accepts header names in any case', () => {
    const event = aTaskCreated();
    const message = asMessage(HTTP.binary(new CloudEvent(event)));
    const shouted = Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name.toUpperCase(), value]));

    const decoded = decodeHttpEvent({ headers: shouted, body: message.body });

    expect(decoded).toEqual({ ok: true, event });
  });

  it('decodes a structured-mode event, as Dapr delivers it', () => {
    const event = aTaskCreated();

    const decoded = decodeHttpEvent(asMessage(HTTP.structured(new CloudEvent(event))));

    expect(decoded).toEqual({ ok: true, event });
  });

  it('passes through the attributes Dapr adds to a structured event', () => {
    const event = aTaskCreated();
    const extras = { topic: 'task-events', pubsubname: 'pubsub', traceid: event.traceparent, tracestate: '' };

    const decoded = decodeHttpEvent(asMessage(HTTP.structured(new CloudEvent({ ...event, ...extras }))));

    expect(decoded).toEqual({ ok: true, event: { ...event, ...extras } });
  });

  it('decodes JSON data carried as data_base64', () => {
    const { data, ...attributes } = aTaskCreated();
    const body = JSON.stringify({ ...attributes, data_base64: Buffer.from(JSON.stringify(data)).toString('base64') });

    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body });

    expect(decoded).toEqual({ ok: true, event: { ...attributes, data } });
  });

  it('keeps non-JSON data_base64 as sent', () => {
    const { data: _data, ...attributes } = aTaskCreated();
    const body = JSON.stringify({ ...attributes, datacontenttype: 'application/octet-stream', data_base64: 'AAEC' });

    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body });

    expect(decoded).toEqual({ ok: true, event: { ...attributes, datacontenttype: 'application/octet-stream', data_base64: 'AAEC' } });
  });

  it('refuses data_base64 that is not JSON although the content type says so', () => {
    const { data: _data, ...attributes } = aTaskCreated();
    const body = JSON.stringify({ ...attributes, data_base64: Buffer.from('{nope').toString('base64') });

    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body });

    expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('data_base64 is not valid JSON') });
  });

  it('does not invent an id, time or specversion the sender left out', () => {
    const { id: _id, time: _time, specversion: _specversion, ...rest } = aTaskCreated();

    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body: JSON.stringify(rest) });

    expect(decoded).toEqual({ ok: true, event: rest });
  });

  it('keeps a malformed time as sent so validation can refuse it', () => {
    const event = { ...aTaskCreated(), time: 'yesterday' };
    const message = asMessage(HTTP.binary(new CloudEvent(aTaskCreated())));

    const decoded = decodeHttpEvent({ headers: { ...message.headers, 'ce-time': event.time }, body: message.body });

    expect(decoded).toEqual({ ok: true, event });
  });

  it('refuses a binary event whose JSON data does not parse', () => {
    const message = asMessage(HTTP.binary(new CloudEvent(aTaskCreated())));

    const decoded = decodeHttpEvent({ headers: message.headers, body: '{"task": ' });

    expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('the event data is not valid JSON') });
  });

  it('refuses a binary event whose JSON data is bare text', () => {
    const message = asMessage(HTTP.binary(new CloudEvent(aTaskCreated())));

    const decoded = decodeHttpEvent({ headers: message.headers, body: 'hello' });

    expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });

  it('refuses a structured event that does not parse', () => {
    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body: '{"id":' });

    expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });

  it('refuses a structured event that is not a JSON object', () => {
    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body: '"hello"' });

    expect(decoded).toEqual({ ok: false, reason: 'the structured CloudEvent must be a JSON object' });
  });

  it('refuses a batch', () => {
    const body = JSON.stringify([new CloudEvent(aTaskCreated())]);

    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body });

    expect(decoded).toEqual({ ok: false, reason: 'batched CloudEvents are not accepted' });
  });

  it('refuses a request that is no CloudEvent at all', () => {
    const decoded = decodeHttpEvent({ headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('not a CloudEvent') });
  });

  describe('JSON nested deeper than 32 levels', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const { data, ...attributes } = aTaskCreated();
    const structured = (body: string) => decodeHttpEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body });

    it.each([
      ['type', nested(50_000)],
      ['time', nested(50_000)],
      ['an extension attribute', nested(3000)],
      ['data', `{"task":${nested(3000)}}`],
    ])('refuses a structured event whose %s is too deep, before anything walks it', (name, value) => {
      const key = name === 'an extension attribute' ? 'extra' : name;
      const body = `${JSON.stringify({ ...attributes, data }).slice(0, -1)},${JSON.stringify(key)}:${value}}`;

      expect(structured(body)).toEqual({ ok: false, reason: 'the structured CloudEvent nests arrays and objects more than 32 levels deep' });
    });

    it('refuses binary data that is too deep', () => {
      const message = asMessage(HTTP.binary(new CloudEvent(aTaskCreated())));

      expect(decodeHttpEvent({ headers: message.headers, body: nested(3000) })).toEqual({ ok: false, reason: 'the event data nests arrays and objects more than 32 levels deep' });
    });

    it('refuses data_base64 that is too deep', () => {
      const body = JSON.stringify({ ...attributes, data_base64: Buffer.from(nested(3000)).toString('base64') });

      expect(structured(body)).toEqual({ ok: false, reason: 'data_base64 nests arrays and objects more than 32 levels deep' });
    });

    it('accepts binary data 32 levels deep', () => {
      const message = asMessage(HTTP.binary(new CloudEvent(aTaskCreated())));

      expect(decodeHttpEvent({ headers: message.headers, body: nested(32) })).toMatchObject({ ok: true });
    });
  });

  it('never throws, and refuses anything too deep, however deep or wide', () => {
    const { json } = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'large', withCrossShrink: true },
        fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null)),
        fc.array(tie('json'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('json'), { maxKeys: 4 }),
      ),
    }));
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    const message = fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.constantFrom('[', '{"a":'), json, fc.boolean()).map(([depth, open, inner, binary]) => {
      const body = open.repeat(depth) + JSON.stringify(inner) + (open === '[' ? ']' : '}').repeat(depth);
      const headers: Record<string, string> = binary ? { ...asMessage(HTTP.binary(new CloudEvent(aTaskCreated()))).headers } : { 'content-type': 'application/cloudevents+json' };
      return { headers, body, depth: depth + depthOf(inner) };
    });
    fc.assert(
      fc.property(message, ({ headers, body, depth }) => {
        const decoded = decodeHttpEvent({ headers, body });
        if (depth > 32) expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('more than 32 levels deep') });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever it is given', () => {
    const garbage = [
      { headers: {}, body: '' },
      { headers: null, body: null },
      { headers: { 'ce-id': '1' }, body: undefined },
      { headers: { 'content-type': 'application/cloudevents+json' }, body: 'null' },
    ] as unknown as Message[];

    for (const message of garbage) expect(() => decodeHttpEvent(message)).not.toThrow();
  });
});
