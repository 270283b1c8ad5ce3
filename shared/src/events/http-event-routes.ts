import type { Context, Env, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Problem, problemResponse } from '../http/problem';
import type { Logger } from '../log/logger';
import type { Consumer } from './consumer';
import { decodeHttpEvent } from './decode-http';
import { drop, type Outcome } from './outcome';
import { processDelivery } from './process-delivery';
import { deadLetterTopic } from './topics';

const DEFAULT_MAX_BYTES = 256 * 1024;
const DAPR_STATUS = { ack: 'SUCCESS', retry: 'RETRY', drop: 'DROP' } as const;

export interface EventRouteOptions {
  log: Logger;
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
 * `POST /events` for Knative (KafkaSource, Trigger): ack → 202 with an empty body, retry → 503,
 * drop or an undecodable request → 400 (never retried, goes to the dead-letter sink), oversize → 413.
 * The attempt number is read from `x-delivery-attempt` when present.
 */
export function knativeEventRoute(consumer: Consumer, options: EventRouteOptions): EventHandler {
  const maxBytes = maxBytesOf(options);
  const tooLarge = (c: Context) => {
    logTooLarge(options.log, consumer, maxBytes);
    return problemResponse(c, new Problem(413, 'Content Too Large', `the event exceeds ${maxBytes} bytes`));
  };
  return (c) =>
    withBodyLimit(c, maxBytes, tooLarge, async () => {
      const outcome = await deliver(c, consumer, options.log, attemptOf(c.req.header('x-delivery-attempt')));
      if (outcome.kind === 'ack') return c.body(null, 202);
      if (outcome.kind === 'retry') return problemResponse(c, new Problem(503, 'Retry Later', outcome.reason));
      return problemResponse(c, new Problem(400, 'Event Dropped', outcome.reason));
    });
}

/**
 * `POST /dapr/events` for Dapr pub/sub push (structured CloudEvents): always 200 with
 * `{"status": "SUCCESS" | "RETRY" | "DROP"}`; an undecodable or oversize request is a DROP.
 */
export function daprEventRoute(consumer: Consumer, options: EventRouteOptions): EventHandler {
  const maxBytes = maxBytesOf(options);
  const tooLarge = (c: Context) => {
    logTooLarge(options.log, consumer, maxBytes);
    return c.json({ status: DAPR_STATUS.drop }, 200);
  };
  return (c) =>
    withBodyLimit(c, maxBytes, tooLarge, async () => {
      const outcome = await deliver(c, consumer, options.log, 0);
      return c.json({ status: DAPR_STATUS[outcome.kind] }, 200);
    });
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

async function deliver(c: Context, consumer: Consumer, log: Logger, attempt: number): Promise<Outcome> {
  const decoded = decodeHttpEvent({ headers: c.req.header(), body: await c.req.text() });
  if (!decoded.ok) {
    log.warn({ consumer: consumer.name, attempt, outcome: 'drop', reason: decoded.reason }, 'event drop');
    return drop(decoded.reason);
  }
  return processDelivery(consumer, decoded.event, { log, attempt });
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

function logTooLarge(log: Logger, consumer: Consumer, maxBytes: number): void {
  log.warn({ consumer: consumer.name, outcome: 'drop', reason: `body over ${maxBytes} bytes` }, 'event drop');
}

function maxBytesOf(options: EventRouteOptions): number {
  return options.maxBytes ?? DEFAULT_MAX_BYTES;
}

function attemptOf(header: string | undefined): number {
  const attempt = Number(header);
  return Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : 0;
}
