import type { Metrics } from '../metrics/metrics';

/** The event counters a bus reports. */
export interface BusMetrics {
  published(topic: string): void;
  consumed(consumer: string, topic: string, outcome: 'ack' | 'retry' | 'drop'): void;
  deadLettered(consumer: string, topic: string): void;
}

export function busMetrics(metrics: Metrics): BusMetrics {
  return {
    published: (topic) => metrics.eventsPublished.inc({ topic }),
    consumed: (consumer, topic, outcome) => {
      metrics.eventsConsumed.inc({ consumer, topic, outcome });
      if (outcome !== 'ack') metrics.eventsFailed.inc({ consumer, topic, outcome });
    },
    deadLettered: (consumer, topic) => metrics.eventsDeadLettered.inc({ consumer, topic }),
  };
}
