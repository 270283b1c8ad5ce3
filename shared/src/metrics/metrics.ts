import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { outboxBacklogGauges } from './outbox-backlog';

/** Lateness and delivery times: sub-second when all is well, minutes when the SLO (60 s) is missed. */
const LATENESS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** One registry per process with the metrics every function reports (Prometheus text at `/metrics`). */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    activeConnections: new Gauge({ name: 'http_active_connections', help: 'Open HTTP connections (including live streams)', registers: [registry] }),
    taskOperations: new Counter({ name: 'task_operations_total', help: 'Task operations by kind and result', labelNames: ['operation', 'result'], registers: [registry] }),
    eventsPublished: new Counter({ name: 'events_published_total', help: 'Events published by topic', labelNames: ['topic'], registers: [registry] }),
    eventsConsumed: new Counter({ name: 'events_consumed_total', help: 'Event deliveries by consumer and outcome', labelNames: ['consumer', 'topic', 'outcome'], registers: [registry] }),
    eventsFailed: new Counter({ name: 'events_failed_total', help: 'Event deliveries that were retried or dropped', labelNames: ['consumer', 'topic', 'outcome'], registers: [registry] }),
    eventsDeadLettered: new Counter({ name: 'events_dead_lettered_total', help: 'Events sent to a dead-letter topic', labelNames: ['consumer', 'topic'], registers: [registry] }),
    outboxBacklog: outboxBacklogGauges(registry),
    deliveriesReceived: new Counter({ name: 'event_deliveries_received_total', help: 'Event deliveries received, by transport (knative, dapr, kafka, memory) and event type', labelNames: ['transport', 'type'], registers: [registry] }),
    deliveries: new Counter({
      name: 'event_deliveries_total',
      help: 'Event deliveries settled, by transport, event type and outcome (acknowledged, retried, dropped)',
      labelNames: ['transport', 'type', 'outcome'],
      registers: [registry],
    }),
    consumerLag: new Gauge({ name: 'kafka_consumer_lag', help: "Records on a partition after the consumer group's last processed one", labelNames: ['group', 'topic', 'partition'], registers: [registry] }),
    reminderLateness: new Histogram({
      name: 'reminder_lateness_seconds',
      help: "Time from a reminder's time to its firing (stage fired) and to its in-app notification stored (stage delivered)",
      labelNames: ['stage'],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    }),
    notificationDelivery: new Histogram({
      name: 'notification_delivery_duration_seconds',
      help: 'Time from a notification recorded to its delivery outcome, by channel and outcome (retries and quiet hours included)',
      labelNames: ['channel', 'outcome'],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({ name: 'rate_limit_refusals_total', help: 'Requests refused by a rate limit (429), by limit', labelNames: ['limit'], registers: [registry] }),
    authFailures: new Counter({ name: 'auth_failures_total', help: 'Requests refused for their credential, by entry point and reason', labelNames: ['entry', 'reason'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
