import { RuleViolation } from '../contracts/rule-violation';
import { lazyChild } from '../log/lazy-child';
import { activeTraceparent, inSpan, SpanKind, SpanStatusCode } from '../trace/spans';
import { isKnownType } from './catalog';
import { isTransientDbError } from '../db/pg-errors';
import type { Consumer, DeliveryContext } from './consumer';
import { ack, drop, retry, type Outcome } from './outcome';
import { validateEvent } from './validate-event';

const DATA_ERROR = /^2[23][0-9A-Z]{3}$/;

/**
 * Runs one delivered CloudEvent through a consumer: invalid or unknown events are dropped, known
 * types the consumer does not act on are acknowledged, and a handler that throws is retried unless
 * Postgres refused the data itself (SQLSTATE class 22 or 23), which is dropped. Drops and retries are
 * logged at warn with the event's id, type and source, never its data. Never throws.
 */
export async function processDelivery(consumer: Consumer, raw: unknown, context: DeliveryContext): Promise<Outcome> {
  const { eventId, eventType, eventSource, traceparent } = identity(raw);
  const span = {
    kind: SpanKind.CONSUMER,
    // The CloudEvents distributed-tracing extension: the span that emitted the event is the parent.
    parent: typeof traceparent === 'string' ? traceparent : null,
    // The request that carried it (POST /events, /dapr/events), when there is one.
    links: [activeTraceparent()],
    attributes: {
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': consumer.name,
      'messaging.message.id': String(eventId),
      'cloudevents.event_id': String(eventId),
      'cloudevents.event_type': String(eventType),
      'cloudevents.event_source': String(eventSource),
      'messaging.delivery.attempt': context.attempt,
    },
  };
  return inSpan(`process ${isKnownType(eventType) ? eventType : 'unknown'}`, span, async (current, active) => {
    const log = lazyChild(context.log, { traceparent: current });
    const outcome = await decide(consumer, raw, { ...context, log });
    active?.setAttribute('todo.delivery.outcome', outcome.kind);
    if (outcome.kind !== 'ack') {
      active?.setStatus({ code: SpanStatusCode.ERROR, message: outcome.reason });
      log.warn({ consumer: consumer.name, eventId, eventType, eventSource, attempt: context.attempt, outcome: outcome.kind, reason: outcome.reason }, `event ${outcome.kind}`);
    }
    return outcome;
  });
}

async function decide(consumer: Consumer, raw: unknown, context: DeliveryContext): Promise<Outcome> {
  const validation = validateEvent(raw);
  if (!validation.ok) return drop(validation.reason);
  const { event } = validation;
  if (!consumer.types.includes(event.type)) return ack(`ignored ${event.type}`);
  try {
    return await consumer.handle(event, context);
  } catch (error) {
    return outcomeOfFailure(error);
  }
}

function outcomeOfFailure(error: unknown): Outcome {
  if (error instanceof RuleViolation) return drop(`${error.field}: ${error.message}`);
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);
  if (isTransientDbError(error)) return retry(`transient database error ${String(code)}: ${message}`);
  if (typeof code === 'string' && DATA_ERROR.test(code)) return drop(`database refused the data (${code}): ${message}`);
  return retry(`handler failed: ${message}`);
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message !== '') return message;
  return typeof error === 'object' ? 'no message' : String(error);
}

function identity(raw: unknown): { eventId?: unknown; eventType?: unknown; eventSource?: unknown; traceparent?: unknown } {
  if (typeof raw !== 'object' || raw === null) return {};
  const { id, type, source, traceparent } = raw as Record<string, unknown>;
  return { eventId: id, eventType: type, eventSource: source, traceparent };
}
