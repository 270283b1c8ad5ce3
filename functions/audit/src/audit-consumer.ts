import { groupCommit } from '#shared/db/group-commit';
import { CATALOG, type EventType } from '#shared/events/catalog';
import type { Consumer } from '#shared/events/consumer';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import type { AuditDeps } from './audit-deps';
import { type AuditEntry, auditEntry } from './audit-record';
import { appendBatch } from './audit-store';

/** Every event and command type of the catalog. */
export const AUDITED_TYPES = Object.keys(CATALOG) as EventType[];

/**
 * The audit subscription: every topic, every type. Each event (`source`, `id`) becomes one record
 * of its user's chain, however often it is delivered. Deliveries handled at the same time share one
 * transaction (group commit). A transient database error is retried by the delivery path; data
 * Postgres refuses is dropped to `audit-dead-letter`.
 */
export function createAuditConsumer(deps: AuditDeps): Consumer {
  const append = groupCommit((entries: readonly AuditEntry[]) => appendBatch(deps.sql, deps.schema, entries));
  return {
    name: 'audit',
    bookkeeping: true,
    topics: Object.values(TOPICS),
    types: AUDITED_TYPES,
    async handle(event) {
      const result = await append(auditEntry(event, deps.clock()));
      return ack(result.kind === 'duplicate' ? 'already recorded' : undefined);
    },
  };
}
