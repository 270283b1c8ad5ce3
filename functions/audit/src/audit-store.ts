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

export const AUDIT_COLUMN_NAMES = ['user_id', 'sequence', 'event_source', 'event_id', 'type', 'subject', 'task_id', 'event_time', 'received_at', 'traceparent', 'data', 'prev_hash', 'hash'];

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
  const chainHeads = tx(`${schema}.chain_heads`);
  const select = () =>
    tx<(ChainHead & { user_id: string })[]>`select user_id, sequence, hash from ${chainHeads} where user_id = any(${userIds}::text[]) order by user_id for update`;
  let rows = await select();
  if (rows.length < userIds.length) {
    await tx`
      insert into ${chainHeads} (user_id, sequence, hash)
      select user_id, ${EMPTY_CHAIN.sequence}, ${EMPTY_CHAIN.hash} from unnest(${userIds}::text[]) as user_id order by user_id on conflict (user_id) do nothing`;
    rows = await select();
  }
  return new Map(rows.map((row) => [row.user_id, { sequence: row.sequence, hash: row.hash }]));
}

/** The keys ({@link eventKey}) of the entries' events that are already recorded. */
async function recordedEvents(tx: TransactionSql, schema: string, entries: readonly AuditEntry[]): Promise<Set<string>> {
  const rows = await tx<{ event_source: string; event_id: string }[]>`
    select event_source, event_id from ${tx(`${schema}.audit_records`)}
    where (event_source, event_id) in (select * from unnest(${entries.map((entry) => entry.source)}::text[], ${entries.map((entry) => entry.eventId)}::text[]))`;
  return new Set(rows.map((row) => eventKey({ source: row.event_source, eventId: row.event_id })));
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
  await tx`
    insert into ${tx(`${schema}.audit_records`)} (${tx(AUDIT_COLUMN_NAMES)})
    select ${tx(AUDIT_COLUMN_NAMES)} from json_to_recordset(${JSON.stringify(rows)}::text::json) as r(user_id text, sequence integer, event_source text, event_id text,
      type text, subject text, task_id text, event_time timestamptz, received_at timestamptz, traceparent text, data jsonb, prev_hash text, hash text)`;
}

async function advanceChainHeads(tx: TransactionSql, schema: string, heads: ReadonlyMap<string, ChainHead>): Promise<void> {
  const rows = [...heads].map(([userId, head]) => ({ user_id: userId, sequence: head.sequence, hash: head.hash }));
  await tx`
    update ${tx(`${schema}.chain_heads`)} head set sequence = r.sequence, hash = r.hash
    from json_to_recordset(${JSON.stringify(rows)}::text::json) as r(user_id text, sequence integer, hash text) where head.user_id = r.user_id`;
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
  const [head] = await db<ChainHead[]>`select sequence, hash from ${db(`${schema}.chain_heads`)} where user_id = ${userId}`;
  return head ?? null;
}

/** Up to `limit` of the user's records after `afterSequence`, in sequence order. */
export async function readChainPage(db: Db, schema: string, userId: string, afterSequence: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db<AuditRow[]>`
    select ${db(AUDIT_COLUMN_NAMES)} from ${db(`${schema}.audit_records`)} where user_id = ${userId} and sequence > ${afterSequence} order by sequence limit ${limit}`;
  return rows.map(recordFromRow);
}
