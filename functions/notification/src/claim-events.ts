import type { TransactionSql } from '#shared/db/connect';

export const eventKey = (event: { source: string; id: string }) => `${event.source} ${event.id}`;

/**
 * Records several events as processed in the caller's transaction (the batch form of the shared
 * `claimEvent`); returns the keys ({@link eventKey}) of those this context had not processed before.
 * An event given twice is claimed once.
 */
export async function claimEvents(tx: TransactionSql, schema: string, events: readonly { source: string; id: string }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows = await tx<{ source: string; id: string }[]>`
    insert into ${tx(`${schema}.processed_events`)} (source, id)
    select x.source, x.id from jsonb_to_recordset(${JSON.stringify(events.map(({ source, id }) => ({ source, id })))}::text::jsonb) as x(source text, id text)
    on conflict do nothing returning source, id`;
  return new Set(rows.map(eventKey));
}
