import type { TransactionSql } from '../db/connect';
import type { AnyEvent } from '../events/catalog';

/**
 * Writes events into the context's outbox in the caller's transaction: they exist exactly when the
 * change commits. Needs `<schema>.outbox`, created by `migrate`.
 */
export async function appendToOutbox(tx: TransactionSql, schema: string, events: readonly AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({ event_id: event.id, event: JSON.stringify(event) }));
  await tx`
    insert into ${tx(`${schema}.outbox`)} (event_id, event)
    select x.event_id, x.event::jsonb from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as x(event_id text, event text)`;
}
