import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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
    outboxPending: new Gauge({ name: 'outbox_pending_events', help: 'Events committed but not yet published', labelNames: ['schema'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
