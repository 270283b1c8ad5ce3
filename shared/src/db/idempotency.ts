import type { TransactionSql } from './connect';

/**
 * Records that this context processed the event (`source`, `id`), in the caller's transaction.
 * Returns false when it already had: the caller then acknowledges and does nothing.
 * Needs the table `<schema>.processed_events`, created by `migrate`.
 */
export async function claimEvent(tx: TransactionSql, schema: string, event: { source: string; id: string }): Promise<boolean> {
  const rows = await tx`insert into ${tx(`${schema}.processed_events`)} (source, id) values (${event.source}, ${event.id}) on conflict do nothing returning id`;
  return rows.length === 1;
}
