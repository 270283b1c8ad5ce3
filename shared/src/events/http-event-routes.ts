import type { Context, Env, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Counter } from 'prom-client';
import { Problem, problemResponse } from '../http/problem';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { Consumer } from './consumer';
import { decodeHttpEvent } from './decode-http';
import { countDelivery, type Transport } from './delivery-metrics';
import { type EventSenders, isRefusal, type Refusal, type Sender } from './event-senders';
import { drop, type Outcome } from './outcome';
import { processDelivery } from './process-delivery';
import { refusalFor } from './sender-permits';
import { deadLetterTopic } from './topics';
import { validateEvent } from './validate-event';

const DEFAULT_MAX_BYTES = 256 * 1024;
const DAPR_STATUS = { ack: 'SUCCESS', retry: 'RETRY', drop: 'DROP' } as const;

export interface EventRouteOptions {
  log: Logger;
  /** Who may deliver: every request is authenticated before its body is read. */
  senders: EventSenders;
  /** Counts refused deliveries (`event_deliveries_refused_total`). */
  metrics?: Metrics;
  /** Largest accepted request body in bytes (default 256 KiB; CloudEvents asks for at least 64 KB). */
  maxBytes?: number;
}

export interface DaprSubscribeOptions {
  pubsubName: string;
  /** Default: `<consumer name>-dead-letter`. */
  deadLetterTopic?: string;
}

export type EventRoutesOptions = EventRouteOptions & DaprSubscribeOptions;

type EventHandler = (c: Context) => Promise<Response>;

/**
 * `POST /events` for Knative (KafkaSource, Trigger) and for producers: first the sender is
 * authenticated from `Authorization: Bearer` (401 without a valid credential, 403 for a sender or an
 * event it may not send; nothing is read or written for either); then ack → 202 with an empty body,
 * retry → 503, drop or an undecodable request → 400 (never retried, goes to the dead-letter sink),
 * oversize → 413. The attempt number is read from `x-delivery-attempt` when present.
 */
export function knativeEventRoute(consumer: Consumer, options: EventRouteOptions): EventHandler {
  const maxBytes = maxBytesOf(options);
  const refused = refusedCounter(options.metrics);
  const tooLarge = (c: Context) => {
    dropTooLarge(options, 'knative', consumer, maxBytes);
    return problemResponse(c, new Problem(413, 'Content Too Large', `the event exceeds ${maxBytes} bytes`));
  };
  const refuse = (c: Context, refusal: Refusal) => {
    refused?.inc({ route: '/events', status: String(refusal.status) });
    options.log.warn({ consumer: consumer.name, status: refusal.status, reason: refusal.reason }, 'event delivery refused');
    if (refusal.status === 401) c.header('WWW-Authenticate', 'Bearer');
    return problemResponse(c, new Problem(refusal.status, refusal.status === 401 ? 'Unauthorized' : 'Forbidden', refusal.reason));
  };
  return async (c) => {
    const sender = await options.senders.fromAuthorization(c.req.header('authorization'));
    if (isRefusal(sender)) return refuse(c, sender);
    return withBodyLimit(c, maxBytes, tooLarge, async () => {
      const outcome = await deliver(c, consumer, options, 'knative', attemptOf(c.req.header('x-delivery-attempt')), sender);
      if ('status' in outcome) return refuse(c, outcome);
      if (outcome.kind === 'ack') return c.body(null, 202);
      if (outcome.kind === 'retry') return problemResponse(c, new Problem(503, 'Retry Later', outcome.reason));
      return problemResponse(c, new Problem(400, 'Event Dropped', outcome.reason));
    });
  };
}

/**
 * `POST /dapr/events` for Dapr pub/sub push (structured CloudEvents): only from the sidecar (its
 * `dapr-api-token`; 401 otherwise, nothing read), then always 200 with
 * `{"status": "SUCCESS" | "RETRY" | "DROP"}`; an undecodable or oversize request is a DROP.
 */
export function daprEventRoute(consumer: Consumer, options: EventRouteOptions): EventHandler {
  const maxBytes = maxBytesOf(options);
  const refused = refusedCounter(options.metrics);
  const tooLarge = (c: Context) => {
    dropTooLarge(options, 'dapr', consumer, maxBytes);
    return c.json({ status: DAPR_STATUS.drop }, 200);
  };
  return async (c) => {
    if (!options.senders.isDaprSidecar(c.req.header('dapr-api-token'))) {
      refused?.inc({ route: '/dapr/events', status: '401' });
      options.log.warn({ consumer: consumer.name, status: 401 }, 'event delivery refused: no valid dapr-api-token');
      return problemResponse(c, new Problem(401, 'Unauthorized', 'only the Dapr sidecar delivers here (dapr-api-token)'));
    }
    return withBodyLimit(c, maxBytes, tooLarge, async () => {
      const outcome = await deliver(c, consumer, options, 'dapr', 0, { kind: 'platform', subject: 'dapr' });
      if ('status' in outcome) return c.json({ status: DAPR_STATUS.drop }, 200);
      return c.json({ status: DAPR_STATUS[outcome.kind] }, 200);
    });
  };
}

/** `GET /dapr/subscribe`: Dapr's programmatic subscription, one entry per topic, routed to `/dapr/events`. */
export function daprSubscribeRoute(consumer: Consumer, options: DaprSubscribeOptions): EventHandler {
  const subscriptions = consumer.topics.map((topic) => ({
    pubsubname: options.pubsubName,
    topic,
    routes: { default: '/dapr/events' },
    deadLetterTopic: options.deadLetterTopic ?? deadLetterTopic(consumer.name),
  }));
  return async (c) => c.json(subscriptions, 200);
}

/**
 * Registers `POST /events`, `POST /dapr/events` and `GET /dapr/subscribe` for a consumer.
 * @example mountEventRoutes(app, consumer, { log, pubsubName: 'pubsub' });
 */
export function mountEventRoutes<E extends Env>(app: Hono<E>, consumer: Consumer, options: EventRoutesOptions): Hono<E> {
  app.post('/events', knativeEventRoute(consumer, options));
  app.post('/dapr/events', daprEventRoute(consumer, options));
  app.get('/dapr/subscribe', daprSubscribeRoute(consumer, options));
  return app;
}

async function deliver(c: Context, consumer: Consumer, options: EventRouteOptions, transport: Transport, attempt: number, sender: Sender): Promise<Outcome | Refusal> {
  const { log, metrics } = options;
  const decoded = decodeHttpEvent({ headers: c.req.header(), body: await c.req.text() });
  if (!decoded.ok) {
    log.warn({ consumer: consumer.name, attempt, outcome: 'drop', reason: decoded.reason }, 'event drop');
    if (metrics) countDelivery(metrics, { transport, consumer: consumer.name, type: undefined, outcome: 'drop' });
    return drop(decoded.reason);
  }
  const type = (decoded.event as { type?: unknown }).type;
  if (sender.kind !== 'platform') {
    // Only a valid event can be judged; an invalid one is dropped by processDelivery as for anyone.
    const validation = validateEvent(decoded.event);
    const refusal = validation.ok ? refusalFor(sender, validation.event, consumer) : null;
    if (refusal) return refusal;
  }
  const outcome = await processDelivery(consumer, decoded.event, { log, attempt });
  if (metrics) countDelivery(metrics, { transport, consumer: consumer.name, type, outcome: outcome.kind });
  return outcome;
}

function refusedCounter(metrics: Metrics | undefined): Counter<'route' | 'status'> | undefined {
  if (!metrics) return undefined;
  const name = 'event_deliveries_refused_total';
  return (
    (metrics.registry.getSingleMetric(name) as Counter<'route' | 'status'> | undefined) ??
    new Counter({ name, help: 'Event deliveries refused before any effect: 401 no valid credential, 403 a sender or event not allowed', labelNames: ['route', 'status'], registers: [metrics.registry] })
  );
}

async function withBodyLimit(
  c: Context,
  maxBytes: number,
  onTooLarge: (c: Context) => Response,
  handle: () => Promise<Response>,
): Promise<Response> {
  let response: Response | undefined;
  const refused = await bodyLimit({ maxSize: maxBytes, onError: onTooLarge })(c, async () => {
    response = await handle();
  });
  return response ?? refused ?? onTooLarge(c);
}

function dropTooLarge(options: EventRouteOptions, transport: Transport, consumer: Consumer, maxBytes: number): void {
  options.log.warn({ consumer: consumer.name, outcome: 'drop', reason: `body over ${maxBytes} bytes` }, 'event drop');
  if (options.metrics) countDelivery(options.metrics, { transport, consumer: consumer.name, type: undefined, outcome: 'drop' });
}

function maxBytesOf(options: EventRouteOptions): number {
  return options.maxBytes ?? DEFAULT_MAX_BYTES;
}

function attemptOf(header: string | undefined): number {
  const attempt = Number(header);
  return Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : 0;
}
