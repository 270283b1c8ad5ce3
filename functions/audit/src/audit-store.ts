import type { Sql, TransactionSql } from '#shared/db/connect';
import { type AuditEntry, type AuditRecord, type ChainHead, chainRecord, EMPTY_CHAIN } from './audit-record';

type Db = Sql | TransactionSql;

export interface AuditRow {
  user_id: string;
  sequence: number;
  event_source: string;
  event_id: string;
  type: string;
  subject: string;
  task_id: string | null;
  event_time: Date;
  received_at: Date;
  traceparent: string;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS = 'user_id, sequence, event_source, event_id, type, subject, task_id, event_time, received_at, traceparent, data, prev_hash, hash';

export function recordFromRow(row: AuditRow): AuditRecord {
  return {
    userId: row.user_id,
    sequence: row.sequence,
    eventId: row.event_id,
    source: row.event_source,
    type: row.type,
    subject: row.subject,
    taskId: row.task_id,
    time: row.event_time.toISOString(),
    receivedAt: row.received_at.toISOString(),
    traceparent: row.traceparent,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Locks the user's chain head for this transaction (creating it at the genesis), so appends for one user serialize. */
async function lockChainHead(tx: TransactionSql, schema: string, userId: string): Promise<ChainHead> {
  const select = `select sequence, hash from ${schema}.chain_heads where user_id = $1 for update`;
  let rows = await tx.unsafe(select, [userId]);
  if (rows.length === 0) {
    await tx.unsafe(`insert into ${schema}.chain_heads (user_id, sequence, hash) values ($1, $2, $3) on conflict (user_id) do nothing`, [userId, EMPTY_CHAIN.sequence, EMPTY_CHAIN.hash]);
    rows = await tx.unsafe(select, [userId]);
  }
  return rows[0] as unknown as ChainHead;
}

/**
 * Appends the entry as the next link of its user's chain and advances the chain head, in one
 * transaction. An event (`source`, `id`) already recorded — a redelivery, even a concurrent one —
 * appends nothing and answers `duplicate`.
 */
export async function appendEntry(sql: Sql, schema: string, entry: AuditEntry): Promise<{ kind: 'appended'; record: AuditRecord } | { kind: 'duplicate' }> {
  return sql.begin(async (tx) => {
    const record = chainRecord(entry, await lockChainHead(tx, schema, entry.userId));
    const rows = await tx.unsafe(
      `with appended as (
         insert into ${schema}.audit_records (${AUDIT_COLUMNS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13)
         on conflict on constraint audit_records_event do nothing
         returning user_id, sequence, hash
       )
       update ${schema}.chain_heads head set sequence = appended.sequence, hash = appended.hash
       from appended where head.user_id = appended.user_id
       returning head.sequence`,
      [
        record.userId,
        record.sequence,
        record.source,
        record.eventId,
        record.type,
        record.subject,
        record.taskId,
        record.time,
        record.receivedAt,
        record.traceparent,
        JSON.stringify(record.data),
        record.prevHash,
        record.hash,
      ] as never[],
    );
    return rows.length === 1 ? { kind: 'appended' as const, record } : { kind: 'duplicate' as const };
  });
}

/** The user's stored chain head, or null before their first record. */
export async function readChainHead(db: Db, schema: string, userId: string): Promise<ChainHead | null> {
  const rows = await db.unsafe(`select sequence, hash from ${schema}.chain_heads where user_id = $1`, [userId]);
  return (rows[0] as unknown as ChainHead | undefined) ?? null;
}

/** Up to `limit` of the user's records after `afterSequence`, in sequence order. */
export async function readChainPage(db: Db, schema: string, userId: string, afterSequence: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db.unsafe(
    `select ${AUDIT_COLUMNS} from ${schema}.audit_records where user_id = $1 and sequence > $2 order by sequence limit $3`,
    [userId, afterSequence, limit],
  );
  return rows.map((row) => recordFromRow(row as unknown as AuditRow));
}
