import { Gauge, type Registry } from 'prom-client';

export interface OutboxBacklog {
  pending: number;
  /** Seconds since the oldest pending event was committed; 0 when none is pending. */
  oldestAgeSeconds: number;
}

/**
 * `outbox_pending_events` and `outbox_oldest_pending_age_seconds`, read from each watched outbox
 * when /metrics is scraped (always current, nothing to keep in step); an outbox that cannot be read
 * then keeps its last values.
 */
export function outboxBacklogGauges(registry: Registry) {
  const readers = new Map<string, () => Promise<OutboxBacklog>>();
  const gauge = (name: string, help: string, value: (backlog: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['schema'],
      registers: [registry],
      async collect() {
        await Promise.all(
          [...readers].map(([schema, read]) =>
            read().then(
              (backlog) => this.set({ schema }, value(backlog)),
              () => {},
            ),
          ),
        );
      },
    });
  return {
    pending: gauge('outbox_pending_events', 'Events committed but not yet published', (backlog) => backlog.pending),
    oldestAge: gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest event committed but not yet published (0 when none)', (backlog) => backlog.oldestAgeSeconds),
    /** Reads this schema's outbox on every scrape. */
    watch(schema: string, read: () => Promise<OutboxBacklog>): void {
      readers.set(schema, read);
    },
  };
}
