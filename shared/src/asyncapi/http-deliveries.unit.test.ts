import { CloudEvent, HTTP } from 'cloudevents';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { eventToRecord, type IncomingRecord, recordToHttp } from '../bus/kafka-record';
import { recordingConsumer, recordingLog } from '../testing/event-fixtures';
import { testAuth } from '../testing/test-auth';
import { TEST_APP_API_TOKEN, testEventPath } from '../testing/test-event-path';
import { CATALOG, type EventType } from '../events/catalog';
import { decodeHttpEvent } from '../events/decode-http';
import { mountEventRoutes } from '../events/http-event-routes';
import { retry } from '../events/outcome';
import { validateEvent } from '../events/validate-event';
import { documentUnderTest } from './asyncapi-test-kit';
import { eventForms } from './event-forms';
import { exampleEvent } from './example-events';

const { document, messageErrors } = documentUnderTest();
const read = eventForms().filter((form) => form.read);

function kafkaSourceRequest(type: EventType) {
  const record = eventToRecord(exampleEvent(type));
  const consumed: IncomingRecord = { topic: CATALOG[type].topic, partition: 0, offset: '0', key: Buffer.from(record.key), value: Buffer.from(record.value), headers: record.headers, timestamp: '0' };
  return recordToHttp(consumed, { namespace: 'todo', sourceName: 'test' });
}

describe.each(read.map((form) => [form.name, form] as const))('%s over HTTP', (name, form) => {
  it('binary, as a KafkaSource delivers the record the outbox relay wrote: the headers and body its message describes, and the same event', () => {
    const request = kafkaSourceRequest(form.type);

    expect(messageErrors(`${name}.http-binary`, 'headers', request.headers)).toEqual([]);
    expect(messageErrors(`${name}.http-binary`, 'payload', JSON.parse(request.body))).toEqual([]);
    const decoded = decodeHttpEvent(request);
    expect(decoded.ok && validateEvent(decoded.event)).toMatchObject({ ok: true, event: exampleEvent(form.type) });
  });

  it('binary and structured, as the CloudEvents SDK sends them', () => {
    const event = new CloudEvent<unknown>({ ...exampleEvent(form.type) });
    const binary = HTTP.binary(event);
    const structured = HTTP.structured(event);

    expect(messageErrors(`${name}.http-binary`, 'headers', binary.headers)).toEqual([]);
    expect(messageErrors(`${name}.http-binary`, 'payload', JSON.parse(binary.body as string))).toEqual([]);
    expect(messageErrors(`${name}.structured`, 'headers', structured.headers)).toEqual([]);
    expect(messageErrors(`${name}.structured`, 'payload', JSON.parse(structured.body as string))).toEqual([]);
  });
});

const eventPath = testEventPath(testAuth().authenticate);

async function routes(options: { respond?: typeof retry; maxBytes?: number } = {}) {
  const consumer = recordingConsumer({ types: ['dev.todo.task.created.v1'], ...(options.respond ? { respond: async () => options.respond!('the database is not reachable') } : {}) });
  const app = mountEventRoutes(new Hono(), consumer, { log: recordingLog().log, pubsubName: 'pubsub', senders: (await eventPath).senders, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
  const post = async (path: string, headers: Record<string, string>, body: string) => {
    const response = await app.request(path, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), payload: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const binary = HTTP.binary(new CloudEvent<unknown>({ ...exampleEvent('dev.todo.task.created.v1') }));
  return {
    knative: async (headers: Record<string, string> = {}, body = binary.body as string) =>
      post('/events', { ...(binary.headers as Record<string, string>), authorization: await (await eventPath).authorization(), ...headers }, body),
    dapr: async (headers: Record<string, string> = {}) => post('/dapr/events', { 'content-type': 'application/cloudevents+json', 'dapr-api-token': TEST_APP_API_TOKEN, ...headers }, JSON.stringify(exampleEvent('dev.todo.task.created.v1'))),
  };
}

/** The answer matches the reply message: its status code, headers and payload. */
function expectAnswer(id: string, answer: { status: number; headers: Record<string, string>; payload: unknown }) {
  const message = document.components.messages[id]!;
  expect(answer.status, id).toBe((message.bindings as { http: { statusCode: number } }).http.statusCode);
  if (message.headers) expect(messageErrors(id, 'headers', answer.headers), id).toEqual([]);
  if (message.payload) expect(messageErrors(id, 'payload', answer.payload), id).toEqual([]);
  else expect(answer.payload, id).toBeUndefined();
}

describe('the answers of the event routes', () => {
  it('POST /events: accepted, retry, dropped, unauthorized, forbidden and too large, as the document says', async () => {
    expectAnswer('EventsAnswer.accepted', await (await routes()).knative());
    expectAnswer('EventsAnswer.retry', await (await routes({ respond: retry })).knative());
    expectAnswer('EventsAnswer.dropped', await (await routes()).knative({ 'ce-type': 'dev.todo.unknown.v1' }));
    expectAnswer('EventsAnswer.unauthorized', await (await routes()).knative({ authorization: 'Bearer not-a-token' }));
    expectAnswer('EventsAnswer.forbidden', await (await routes()).knative({ authorization: `Bearer ${await testAuth().tokenFor('alice')}` }));
    expectAnswer('EventsAnswer.too-large', await (await routes({ maxBytes: 64 })).knative());
  });

  it('POST /dapr/events: the status for the sidecar, 401 for anyone else', async () => {
    expectAnswer('DaprEventsAnswer.status', await (await routes()).dapr());
    expectAnswer('DaprEventsAnswer.status', await (await routes({ respond: retry })).dapr());
    expectAnswer('DaprEventsAnswer.unauthorized', await (await routes()).dapr({ 'dapr-api-token': 'wrong' }));
  });
});
