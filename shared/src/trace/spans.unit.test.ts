import { afterEach, describe, expect, it } from 'vitest';
import { newEvent } from '../events/new-event';
import { aTask } from '../testing/event-fixtures';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { activeTraceparent, inSpan, linkSpanTo, setTracing } from './spans';
import { traceIdOf } from './traceparent';
import { startTracingSdk } from './tracing-sdk';
import type { TracingSettings } from './tracing-settings';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const CREATOR = '00-11111111111111111111111111111111-2222222222222222-01';
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function tracingTo(protocol: TracingSettings['protocol']) {
  const receiver = await startOtlpReceiver();
  const sdk = startTracingSdk({ url: `${receiver.url}/v1/traces`, headers: { 'x-tenant': 'todo' }, timeoutMillis: 2_000, resourceAttributes: { 'deployment.environment.name': 'test' }, serviceName: 'spans-test', protocol, sampler: 'parentbased_always_on', ratio: 1 });
  setTracing(true);
  const flush = async () => {
    setTracing(false);
    await sdk.shutdown();
  };
  stops.push(async () => {
    setTracing(false);
    await sdk.shutdown().catch(() => {});
    await receiver.close();
  });
  return { receiver, flush };
}

const eventIn = (traceparent: string) =>
  newEvent('dev.todo.task.created.v1', { source: '/functions/task', userId: 'ann', traceparent, now: new Date(), newId: () => '01900000-0000-7000-8000-000000000001' }, { subject: 'task', data: { task: aTask(), commandId: null } });

describe('spans while traces are off', () => {
  it('call nothing of OpenTelemetry and carry the trace as before: a child of the parent, or a new trace', async () => {
    expect(await inSpan('work', { parent: PARENT }, async (traceparent) => traceparent)).toMatch(new RegExp(`^00-${traceIdOf(PARENT)}-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$`));
    expect(await inSpan('work', { parent: null }, async (traceparent, span) => ({ traceparent, span }))).toEqual({ traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/), span: undefined });
    await inSpan('work', { parent: PARENT }, async () => {
      expect(activeTraceparent()).toBeUndefined();
      expect(eventIn(PARENT).traceparent).toBe(PARENT);
    });
  });
});

describe('spans while traces are exported', () => {
  it('nest, carry the active span onto the events emitted, link, mark failures, and reach the collector as OTLP/JSON', async () => {
    const { receiver, flush } = await tracingTo('http/json');
    let emitted = '';
    const outer = await inSpan('outer', { parent: PARENT }, async (outerTraceparent) => {
      await inSpan('inner', {}, async (innerTraceparent) => {
        emitted = eventIn(PARENT).traceparent;
        expect(emitted).toBe(innerTraceparent);
        linkSpanTo([CREATOR, 'not-a-traceparent', null]);
      });
      await expect(inSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      return outerTraceparent;
    });
    await flush();

    const byName = Object.fromEntries(receiver.spans.map((span) => [span.name, span]));
    expect(Object.keys(byName).sort()).toEqual(['failing', 'inner', 'outer']);
    expect(byName.outer).toMatchObject({ service: 'spans-test', traceId: traceIdOf(PARENT), parentSpanId: '00f067aa0ba902b7' });
    expect(outer).toBe(`00-${byName.outer!.traceId}-${byName.outer!.spanId}-01`);
    expect(byName.inner).toMatchObject({ traceId: traceIdOf(PARENT), parentSpanId: byName.outer!.spanId, links: [{ traceId: '11111111111111111111111111111111', spanId: '2222222222222222' }] });
    expect(emitted).toBe(`00-${byName.inner!.traceId}-${byName.inner!.spanId}-01`);
    expect(byName.failing!.parentSpanId).toBe(byName.outer!.spanId);
    const failingRequest = receiver.bodies.find((body) => body.body.includes('failing'))!;
    expect(JSON.parse(failingRequest.body.toString()).resourceSpans[0].scopeSpans[0].spans.find((span: { name: string }) => span.name === 'failing').status).toMatchObject({ code: 2 });
  });

  it('export OTLP/protobuf by default, with the configured headers', async () => {
    const { receiver, flush } = await tracingTo('http/protobuf');
    await inSpan('a span sent as protobuf', { parent: null }, async () => undefined);
    await flush();
    expect(receiver.bodies).toHaveLength(1);
    expect(receiver.bodies[0]!.contentType).toBe('application/x-protobuf');
    expect(receiver.bodies[0]!.headers['x-tenant']).toBe('todo');
    // Protobuf strings are their UTF-8 bytes: the span and service names are in the body as written.
    expect(receiver.bodies[0]!.body.includes('a span sent as protobuf')).toBe(true);
    expect(receiver.bodies[0]!.body.includes('spans-test')).toBe(true);
  });
});
