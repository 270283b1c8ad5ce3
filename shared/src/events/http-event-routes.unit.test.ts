import { CloudEvent, HTTP } from 'cloudevents';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { aTask, aTaskCompleted, aTaskCreated, recordingConsumer, recordingLog, type RecordingConsumer } from '../testing/event-fixtures';
import { testAuth } from '../testing/test-auth';
import { TEST_APP_API_TOKEN, testEventPath } from '../testing/test-event-path';
import { mountEventRoutes } from './http-event-routes';
import { retry } from './outcome';

type Message = { headers: Record<string, unknown>; body: unknown };

const eventPath = testEventPath(testAuth().authenticate);

/** The routes as the event path and the sidecar call them: with their credentials. */
function given(consumer: RecordingConsumer, options: { maxBytes?: number } = {}) {
  const senders = eventPath.then((path) => path.senders);
  const app = new Hono();
  const mounted = senders.then((resolved) => mountEventRoutes(app, consumer, { log: recordingLog().log, pubsubName: 'pubsub', senders: resolved, ...options }));
  const post = async (path: string, message: Message, extraHeaders: Record<string, string> = {}) =>
    (await mounted).request(path, { method: 'POST', headers: { ...(message.headers as Record<string, string>), ...extraHeaders }, body: message.body as string });
  return {
    app: { request: async (path: string, init?: RequestInit) => (await mounted).request(path, init) },
    knative: async (message: Message, extraHeaders?: Record<string, string>) => post('/events', message, { authorization: await (await eventPath).authorization(), ...extraHeaders }),
    dapr: async (message: Message) => {
      const response = await post('/dapr/events', message, { 'dapr-api-token': TEST_APP_API_TOKEN });
      return { status: response.status, body: (await response.json()) as unknown };
    },
  };
}

const binary = (event: object) => HTTP.binary(new CloudEvent(event as Record<string, unknown>));
const structured = (event: object) => HTTP.structured(new CloudEvent(event as Record<string, unknown>));
const problemOf = async (response: Response) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  body: (await response.json()) as { detail?: string },
});

describe('POST /events (Knative)', () => {
  it('accepts a binary event: the handler gets the validated event once, the broker gets 202 with an empty body', async () => {
    const consumer = recordingConsumer();
    const event = aTaskCreated();

    const response = await given(consumer).knative(binary(event));

    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(consumer.calls.map((call) => call.event)).toEqual([event]);
  });

  it('accepts a structured event', async () => {
    const consumer = recordingConsumer();
    const event = aTaskCreated();

    const response = await given(consumer).knative(structured(event));

    expect(response.status).toBe(202);
    expect(consumer.calls.map((call) => call.event)).toEqual([event]);
  });

  it('tells the handler which attempt this is when the delivery says so', async () => {
    const consumer = recordingConsumer();

    await given(consumer).knative(binary(aTaskCreated()), { 'x-delivery-attempt': '3' });

    expect(consumer.calls.map((call) => call.context.attempt)).toEqual([3]);
  });

  it('acknowledges a known type the consumer does not act on, without calling the handler', async () => {
    const consumer = recordingConsumer({ types: ['dev.todo.task.created.v1'] });

    const response = await given(consumer).knative(binary(aTaskCompleted()));

    expect(response.status).toBe(202);
    expect(consumer.calls).toEqual([]);
  });

  it('sends an unknown type to the dead-letter sink with 400, without calling the handler', async () => {
    const consumer = recordingConsumer();

    const response = await given(consumer).knative(binary({ ...aTaskCreated(), type: 'dev.todo.task.exploded.v1' }));

    expect(await problemOf(response)).toMatchObject({
      status: 400,
      contentType: 'application/problem+json',
      body: { detail: expect.stringContaining('unknown event type') },
    });
    expect(consumer.calls).toEqual([]);
  });

  it.each([
    ['userid', () => withoutKey(aTaskCreated(), 'userid')],
    ['traceparent', () => ({ ...aTaskCreated(), traceparent: 'not-a-traceparent' })],
  ])('answers 400 naming %s when the event breaks the schema', async (field, event) => {
    const consumer = recordingConsumer();

    const response = await given(consumer).knative(binary(event()));

    expect(await problemOf(response)).toMatchObject({ status: 400, body: { detail: expect.stringContaining(field) } });
    expect(consumer.calls).toEqual([]);
  });

  it('answers 400 when the JSON data does not parse', async () => {
    const { headers } = binary(aTaskCreated());

    const response = await given(recordingConsumer()).knative({ headers, body: '{"task": ' });

    expect(await problemOf(response)).toMatchObject({ status: 400, body: { detail: expect.stringContaining('not valid JSON') } });
  });

  it('answers 400 to a batch', async () => {
    const body = JSON.stringify([new CloudEvent(aTaskCreated())]);

    const response = await given(recordingConsumer()).knative({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body });

    expect(await problemOf(response)).toMatchObject({ status: 400, body: { detail: 'batched CloudEvents are not accepted' } });
  });

  it('answers 400, not 404, to a request that is no CloudEvent', async () => {
    const response = await given(recordingConsumer()).knative({ headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(response.status).toBe(400);
  });

  it('answers 503 when the handler asks for a retry', async () => {
    const consumer = recordingConsumer({ respond: async () => retry('downstream busy') });

    const response = await given(consumer).knative(binary(aTaskCreated()));

    expect(await problemOf(response)).toMatchObject({
      status: 503,
      contentType: 'application/problem+json',
      body: { detail: 'downstream busy' },
    });
  });

  it('answers 503 when the handler hits a serialization failure', async () => {
    const consumer = recordingConsumer({ respond: failWith({ code: '40001', message: 'could not serialize access' }) });

    const response = await given(consumer).knative(binary(aTaskCreated()));

    expect(response.status).toBe(503);
  });

  it('answers 400 when Postgres refuses the data', async () => {
    const consumer = recordingConsumer({ respond: failWith({ code: '23502' }) });

    const response = await given(consumer).knative(binary(aTaskCreated()));

    expect(await problemOf(response)).toMatchObject({ status: 400, body: { detail: expect.stringContaining('23502') } });
  });

  it('answers 413 to a body over the limit, without calling the handler', async () => {
    const consumer = recordingConsumer();

    const response = await given(consumer, { maxBytes: 1024 }).knative(binary(aTaskCreated(aTask({ description: 'x'.repeat(2000) }))));

    expect(response.status).toBe(413);
    expect(consumer.calls).toEqual([]);
  });

  it('answers 413 when the declared content-length is over the limit', async () => {
    const message = binary(aTaskCreated(aTask({ description: 'x'.repeat(2000) })));

    const response = await given(recordingConsumer(), { maxBytes: 1024 }).knative(message, {
      'content-length': String(Buffer.byteLength(message.body as string)),
    });

    expect(response.status).toBe(413);
  });

  it('accepts events of 100 KB by default and refuses those over 256 KiB', async () => {
    const consumer = recordingConsumer();
    const app = given(consumer);

    const accepted = await app.knative(binary(aTaskCreated(aTask({ description: 'x'.repeat(100_000) }))));
    const refused = await app.knative(binary(aTaskCreated(aTask({ description: 'x'.repeat(300_000) }))));

    expect([accepted.status, refused.status]).toEqual([202, 413]);
    expect(consumer.calls).toHaveLength(1);
  });
});

describe('POST /dapr/events (Dapr)', () => {
  it('acknowledges a Dapr-shaped structured event with SUCCESS', async () => {
    const consumer = recordingConsumer();
    const event = aTaskCreated();
    const delivered = { ...event, topic: 'task-events', pubsubname: 'pubsub', traceid: event.traceparent, tracestate: '' };

    const response = await given(consumer).dapr(structured(delivered));

    expect(response).toEqual({ status: 200, body: { status: 'SUCCESS' } });
    expect(consumer.calls.map((call) => call.event)).toEqual([event]);
  });

  it('answers SUCCESS to a known type the consumer does not act on, without calling the handler', async () => {
    const consumer = recordingConsumer({ types: ['dev.todo.task.created.v1'] });

    const response = await given(consumer).dapr(structured(aTaskCompleted()));

    expect(response).toEqual({ status: 200, body: { status: 'SUCCESS' } });
    expect(consumer.calls).toEqual([]);
  });

  it.each([
    ['an unknown type', () => structured({ ...aTaskCreated(), type: 'dev.todo.task.exploded.v1' })],
    ['a missing userid', () => structured(withoutKey(aTaskCreated(), 'userid'))],
    ['a body that does not parse', () => ({ headers: { 'content-type': 'application/cloudevents+json' }, body: '{"id":' })],
    ['a batch', () => ({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body: '[]' })],
    ['no CloudEvent', () => ({ headers: { 'content-type': 'text/plain' }, body: 'hello' })],
  ])('answers 200 DROP to %s, without calling the handler', async (_case, message) => {
    const consumer = recordingConsumer();

    const response = await given(consumer).dapr(message());

    expect(response).toEqual({ status: 200, body: { status: 'DROP' } });
    expect(consumer.calls).toEqual([]);
  });

  it.each([
    ['asks for a retry', async () => retry('downstream busy')],
    ['hits a serialization failure', failWith({ code: '40001' })],
  ])('answers RETRY when the handler %s', async (_case, respond) => {
    const response = await given(recordingConsumer({ respond })).dapr(structured(aTaskCreated()));

    expect(response).toEqual({ status: 200, body: { status: 'RETRY' } });
  });

  it('answers DROP when Postgres refuses the data', async () => {
    const response = await given(recordingConsumer({ respond: failWith({ code: '23502' }) })).dapr(structured(aTaskCreated()));

    expect(response).toEqual({ status: 200, body: { status: 'DROP' } });
  });

  it('answers DROP to a body over the limit, without calling the handler', async () => {
    const consumer = recordingConsumer();

    const response = await given(consumer, { maxBytes: 1024 }).dapr(structured(aTaskCreated(aTask({ description: 'x'.repeat(2000) }))));

    expect(response).toEqual({ status: 200, body: { status: 'DROP' } });
    expect(consumer.calls).toEqual([]);
  });
});

describe('GET /dapr/subscribe', () => {
  it('subscribes to each topic of the consumer, routed to /dapr/events with its dead-letter topic', async () => {
    const response = await given(recordingConsumer()).app.request('/dapr/subscribe');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { pubsubname: 'pubsub', topic: 'task-events', routes: { default: '/dapr/events' }, deadLetterTopic: 'test-consumer-dead-letter' },
      { pubsubname: 'pubsub', topic: 'task-commands', routes: { default: '/dapr/events' }, deadLetterTopic: 'test-consumer-dead-letter' },
    ]);
  });

  it('uses the dead-letter topic it is given', async () => {
    const app = mountEventRoutes(new Hono(), recordingConsumer(), { log: recordingLog().log, pubsubName: 'kafka', deadLetterTopic: 'poison', senders: (await eventPath).senders });

    const response = await app.request('/dapr/subscribe');

    expect(await response.json()).toMatchObject([{ pubsubname: 'kafka', deadLetterTopic: 'poison' }, { deadLetterTopic: 'poison' }]);
  });
});

function failWith(error: unknown) {
  return async () => {
    throw error;
  };
}

function withoutKey<T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> {
  const { [key]: _omitted, ...rest } = record;
  return rest;
}
