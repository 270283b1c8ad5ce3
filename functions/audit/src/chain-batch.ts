import { type AuditEntry, type AuditRecord, type ChainHead, chainRecord } from './audit-record';

/** What appending one entry did: a new link, or nothing because its event is already recorded. */
export type AppendResult = { kind: 'appended'; record: AuditRecord } | { kind: 'duplicate' };

export interface BatchPlan {
  /** One result per entry, in the order of the entries. */
  results: AppendResult[];
  /** The new links to insert, in order. */
  records: AuditRecord[];
  /** The new head of every chain the batch advances. */
  heads: Map<string, ChainHead>;
}

/** The identity of an event: its (`source`, `id`). */
export const eventKey = (entry: { source: string; eventId: string }) => JSON.stringify([entry.source, entry.eventId]);

/**
 * Links a batch of entries onto their users' chains, in the order given: each new record follows
 * the head its user had before it (`heads`, which must hold every user of the batch). An event
 * already recorded (`recorded`, by {@link eventKey}) or seen earlier in the batch appends nothing.
 */
export function planBatch(entries: readonly AuditEntry[], heads: ReadonlyMap<string, ChainHead>, recorded: ReadonlySet<string>): BatchPlan {
  const seen = new Set(recorded);
  const current = new Map(heads);
  const advanced = new Map<string, ChainHead>();
  const records: AuditRecord[] = [];
  const results = entries.map((entry): AppendResult => {
    const key = eventKey(entry);
    if (seen.has(key)) return { kind: 'duplicate' };
    seen.add(key);
    const head = current.get(entry.userId);
    if (!head) throw new Error(`no chain head for user ${entry.userId}`);
    const record = chainRecord(entry, head);
    const next = { sequence: record.sequence, hash: record.hash };
    current.set(entry.userId, next);
    advanced.set(entry.userId, next);
    records.push(record);
    return { kind: 'appended', record };
  });
  return { results, records, heads: advanced };
}
