import type { Metrics } from '../metrics/metrics';
import { isKnownType, topicOf } from './catalog';
import type { Outcome } from './outcome';

/** How a delivery reached the function: Knative's `POST /events`, Dapr's `/dapr/events`, its own Kafka consumer, or the one-process bus. */
export type Transport = 'knative' | 'dapr' | 'kafka' | 'memory';

const SETTLED = { ack: 'acknowledged', retry: 'retried', drop: 'dropped' } as const;

export interface DeliveryFacts {
  transport: Transport;
  /** The consumer (group) it was handed to. */
  consumer: string;
  /** The event's type as received: anything not in the catalog is counted as `unknown` (labels stay bounded whatever a sender writes). */
  type: unknown;
  /** The topic when the transport names it; else the type's topic. */
  topic?: string;
  outcome: Outcome['kind'];
}

/** Counts one settled delivery attempt on every transport alike: received, then acknowledged, retried or dropped. */
export function countDelivery(metrics: Metrics, delivery: DeliveryFacts): void {
  const type = isKnownType(delivery.type) ? delivery.type : 'unknown';
  const topic = delivery.topic ?? (isKnownType(delivery.type) ? topicOf(delivery.type) : 'unknown');
  metrics.deliveriesReceived.inc({ transport: delivery.transport, type });
  metrics.deliveries.inc({ transport: delivery.transport, type, outcome: SETTLED[delivery.outcome] });
  metrics.eventsConsumed.inc({ consumer: delivery.consumer, topic, outcome: delivery.outcome });
  if (delivery.outcome !== 'ack') metrics.eventsFailed.inc({ consumer: delivery.consumer, topic, outcome: delivery.outcome });
}
