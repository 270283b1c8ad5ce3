import type { Sql, TransactionSql } from '#shared/db/connect';
import { type AuditEntry, type AuditRecord, type ChainHead, EMPTY_CHAIN } from './audit-record';
import { type AppendResult, eventKey, planBatch } from './chain-batch';

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

/**
 * Locks the chain heads of `userIds` for this transaction, creating missing ones at the genesis, so
 * appends for one user serialize (in user order, so two batches cannot deadlock on each other).
 */
async function lockChainHeads(tx: TransactionSql, schema: string, userIds: string[]): Promise<Map<string, ChainHead>> {
  const select = `select user_id, sequence, hash from ${schema}.chain_heads where user_id = any($1::text[]) order by user_id for update`;
  let rows = await tx.unsafe(select, [userIds] as never[]);
  if (rows.length < userIds.length) {
    await tx.unsafe(
      `insert into ${schema}.chain_heads (user_id, sequence, hash)
       select user_id, $2, $3 from unnest($1::text[]) as user_id order by user_id on conflict (user_id) do nothing`,
      [userIds, EMPTY_CHAIN.sequence, EMPTY_CHAIN.hash] as never[],
    );
    rows = await tx.unsafe(select, [userIds] as never[]);
  }
  return new Map(rows.map((row) => [row.user_id as string, { sequence: row.sequence as number, hash: row.hash as string }]));
}

/** The keys ({@link eventKey}) of the entries' events that are already recorded. */
async function recordedEvents(tx: TransactionSql, schema: string, entries: readonly AuditEntry[]): Promise<Set<string>> {
  const rows = await tx.unsafe(
    `select event_source, event_id from ${schema}.audit_records
     where (event_source, event_id) in (select * from unnest($1::text[], $2::text[]))`,
    [entries.map((entry) => entry.source), entries.map((entry) => entry.eventId)] as never[],
  );
  return new Set(rows.map((row) => eventKey({ source: row.event_source as string, eventId: row.event_id as string })));
}

async function insertRecords(tx: TransactionSql, schema: string, records: readonly AuditRecord[]): Promise<void> {
  const rows = records.map((record) => ({
    user_id: record.userId,
    sequence: record.sequence,
    event_source: record.source,
    event_id: record.eventId,
    type: record.type,
    subject: record.subject,
    task_id: record.taskId,
    event_time: record.time,
    received_at: record.receivedAt,
    traceparent: record.traceparent,
    data: record.data,
    prev_hash: record.prevHash,
    hash: record.hash,
  }));
  await tx.unsafe(
    `insert into ${schema}.audit_records (${AUDIT_COLUMNS})
     select ${AUDIT_COLUMNS} from json_to_recordset($1::text::json) as r(user_id text, sequence integer, event_source text, event_id text,
       type text, subject text, task_id text, event_time timestamptz, received_at timestamptz, traceparent text, data jsonb, prev_hash text, hash text)`,
    [JSON.stringify(rows)],
  );
}

async function advanceChainHeads(tx: TransactionSql, schema: string, heads: ReadonlyMap<string, ChainHead>): Promise<void> {
  const rows = [...heads].map(([userId, head]) => ({ user_id: userId, sequence: head.sequence, hash: head.hash }));
  await tx.unsafe(
    `update ${schema}.chain_heads head set sequence = r.sequence, hash = r.hash
     from json_to_recordset($1::text::json) as r(user_id text, sequence integer, hash text) where head.user_id = r.user_id`,
    [JSON.stringify(rows)],
  );
}

/**
 * Appends the entries, in order, as the next links of their users' chains and advances the chain
 * heads, in one transaction (one durable commit for the whole batch). An event (`source`, `id`)
 * already recorded — a redelivery, even a concurrent one — appends nothing and answers `duplicate`.
 */
export async function appendBatch(sql: Sql, schema: string, entries: readonly AuditEntry[]): Promise<AppendResult[]> {
  return sql.begin(async (tx) => {
    const heads = await lockChainHeads(tx, schema, [...new Set(entries.map((entry) => entry.userId))].sort());
    const plan = planBatch(entries, heads, await recordedEvents(tx, schema, entries));
    if (plan.records.length > 0) {
      await insertRecords(tx, schema, plan.records);
      await advanceChainHeads(tx, schema, plan.heads);
    }
    return plan.results;
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
