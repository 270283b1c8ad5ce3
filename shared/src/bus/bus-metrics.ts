import { countDelivery, type DeliveryFacts } from '../events/delivery-metrics';
import type { Metrics } from '../metrics/metrics';

/** The event counters a bus reports. */
export interface BusMetrics {
  published(topic: string): void;
  consumed(delivery: DeliveryFacts): void;
  deadLettered(consumer: string, topic: string): void;
  /** Records left on a partition after the group's last processed one. */
  lag(group: string, topic: string, partition: number, records: number): void;
}

export function busMetrics(metrics: Metrics): BusMetrics {
  return {
    published: (topic) => metrics.eventsPublished.inc({ topic }),
    consumed: (delivery) => countDelivery(metrics, delivery),
    deadLettered: (consumer, topic) => metrics.eventsDeadLettered.inc({ consumer, topic }),
    lag: (group, topic, partition, records) => metrics.consumerLag.set({ group, topic, partition: String(partition) }, records),
  };
}
