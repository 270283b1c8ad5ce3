import { CloudEvent, HTTP } from 'cloudevents';
import { Hono } from 'hono';
import { beforeAll, expect, it } from 'vitest';
import { metricsRoute } from '../http/health';
import { createMetrics } from '../metrics/metrics';
import { aTask, aTaskCreated, eventContext, recordingConsumer, recordingLog } from '../testing/event-fixtures';
import { testAuth } from '../testing/test-auth';
import { TEST_APP_API_TOKEN, testEventPath } from '../testing/test-event-path';
import { mountEventRoutes } from './http-event-routes';
import { ack, retry } from './outcome';

let path: Awaited<ReturnType<typeof testEventPath>>;

beforeAll(async () => {
  path = await testEventPath(testAuth().authenticate);
});

/** A function's event routes and its /metrics, with a consumer answering retry for a title of 'busy'. */
function deliveryApp() {
  const metrics = createMetrics('delivery-metrics-test');
  const consumer = recordingConsumer();
  consumer.handle = async (event) => ((event.data as { task?: { title?: string } }).task?.title === 'busy' ? retry('busy') : ack());
  const app = mountEventRoutes(new Hono(), consumer, { log: recordingLog().log, pubsubName: 'pubsub', senders: path.senders, metrics, maxBytes: 4_096 });
  app.route('/', metricsRoute(metrics));
  const binary = (event: object) => HTTP.binary(new CloudEvent(event as Record<string, unknown>));
  return {
    knative: async (message: { headers: object; body: unknown }) =>
      app.request('/events', { method: 'POST', headers: { ...(message.headers as Record<string, string>), authorization: await path.authorization() }, body: message.body as string }),
    dapr: (body: string) => app.request('/dapr/events', { method: 'POST', headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': TEST_APP_API_TOKEN }, body }),
    binary,
    /** The sample lines of /metrics for one metric, labels in Prometheus' order. */
    scrape: async (name: string) => (await (await app.request('/metrics')).text()).split('\n').filter((line) => line.startsWith(`${name}{`)),
  };
}

const TYPE = 'dev.todo.task.created.v1';

it('counts each delivery on POST /events by transport, type and outcome, and as consumed by its consumer', async () => {
  const { knative, binary, scrape } = deliveryApp();
  const event = (title: string) => aTaskCreated(aTask({ title }), eventContext({ userId: 'ann' }));

  expect((await knative(binary(event('milk')))).status).toBe(202);
  expect((await knative(binary(event('eggs')))).status).toBe(202);
  expect((await knative(binary(event('busy')))).status).toBe(503);
  expect((await knative({ headers: { 'content-type': 'application/json', 'ce-specversion': '1.0' }, body: '{' })).status).toBe(400);

  expect(await scrape('event_deliveries_received_total')).toEqual(
    expect.arrayContaining([`event_deliveries_received_total{transport="knative",type="${TYPE}",service="delivery-metrics-test"} 3`, `event_deliveries_received_total{transport="knative",type="unknown",service="delivery-metrics-test"} 1`]),
  );
  expect(await scrape('event_deliveries_total')).toEqual(
    expect.arrayContaining([
      `event_deliveries_total{transport="knative",type="${TYPE}",outcome="acknowledged",service="delivery-metrics-test"} 2`,
      `event_deliveries_total{transport="knative",type="${TYPE}",outcome="retried",service="delivery-metrics-test"} 1`,
      `event_deliveries_total{transport="knative",type="unknown",outcome="dropped",service="delivery-metrics-test"} 1`,
    ]),
  );
  expect(await scrape('events_consumed_total')).toContain('events_consumed_total{consumer="test-consumer",topic="task-events",outcome="ack",service="delivery-metrics-test"} 2');
  expect(await scrape('events_failed_total')).toEqual(
    expect.arrayContaining([
      'events_failed_total{consumer="test-consumer",topic="task-events",outcome="retry",service="delivery-metrics-test"} 1',
      'events_failed_total{consumer="test-consumer",topic="unknown",outcome="drop",service="delivery-metrics-test"} 1',
    ]),
  );
});

it('counts Dapr deliveries under their own transport, a type outside the catalog as unknown, and an oversize body as dropped', async () => {
  const { dapr, scrape } = deliveryApp();
  const structured = (event: object) => JSON.stringify({ datacontenttype: 'application/json', ...event });

  expect(await (await dapr(structured(aTaskCreated(aTask({ title: 'milk' }), eventContext({ userId: 'ann' }))))).json()).toEqual({ status: 'SUCCESS' });
  const attackerChosenType = `dev.todo.${'x'.repeat(200)}`;
  expect(await (await dapr(structured({ ...aTaskCreated(undefined, eventContext({ userId: 'ann' })), type: attackerChosenType }))).json()).toEqual({ status: 'DROP' });
  expect(await (await dapr(structured({ ...aTaskCreated(aTask({ title: 'y'.repeat(5_000) }), eventContext({ userId: 'ann' })) }))).json()).toEqual({ status: 'DROP' });

  const received = await scrape('event_deliveries_received_total');
  expect(received).toEqual([
    `event_deliveries_received_total{transport="dapr",type="${TYPE}",service="delivery-metrics-test"} 1`,
    'event_deliveries_received_total{transport="dapr",type="unknown",service="delivery-metrics-test"} 2',
  ]);
  expect(received.join('\n')).not.toContain('xxxx');
  expect(await scrape('event_deliveries_total')).toContain('event_deliveries_total{transport="dapr",type="unknown",outcome="dropped",service="delivery-metrics-test"} 2');
});
