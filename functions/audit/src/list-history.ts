import { createHash } from 'node:crypto';
import type { Sql } from '#shared/db/connect';
import * as z from 'zod/mini';
import { invalidCursor, pageCursor } from '#shared/http/page-cursor';
import type { AuditRecord } from './audit-record';
import { AUDIT_COLUMN_NAMES, type AuditRow, recordFromRow } from './audit-store';
import { canonicalJson } from './canonical-json';
import type { HistoryQuery } from './history-query';

/** A record as its owner sees it in the history. */
export type HistoryItem = Omit<AuditRecord, 'userId'>;

export interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
}

/** Ties a cursor to the filters and order it was issued for. */
function filterKey(query: HistoryQuery, order: 'asc' | 'desc'): string {
  const { taskId = null, type = [], from = null, to = null } = query;
  return createHash('sha256').update(canonicalJson({ taskId, type: [...type].sort(), from, to, order })).digest('base64url').slice(0, 16);
}

const FOR_THIS_QUERY = 'is not one this server issued for this query';
const cursor = pageCursor(z.object({ s: z.number().check(z.int(), z.minimum(0)), f: z.string() }), FOR_THIS_QUERY);

const historyCursor = (sequence: number, key: string) => cursor.encode({ s: sequence, f: key });

/** The sequence a cursor points after; a 400 for a cursor issued for other filters or another order. */
function decodeCursor(value: string, key: string): number {
  const { s, f } = cursor.decode(value);
  if (f !== key) throw invalidCursor(FOR_THIS_QUERY);
  return s;
}

function historyItem(record: AuditRecord): HistoryItem {
  const { userId: _userId, ...item } = record;
  return item;
}

/** The user's records, filtered, in append order (newest first by default), with a keyset cursor. */
export async function listHistory(sql: Sql, schema: string, userId: string, query: HistoryQuery): Promise<HistoryPage> {
  const order = query.order ?? 'desc';
  const key = filterKey(query, order);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, key) : null;
  const rows = await sql<AuditRow[]>`
    select ${sql(AUDIT_COLUMN_NAMES)} from ${sql(`${schema}.audit_records`)}
    where user_id = ${userId}
      ${query.taskId ? sql`and task_id = ${query.taskId}` : sql``}
      ${query.type?.length ? sql`and type = any(${query.type}::text[])` : sql``}
      ${query.from ? sql`and event_time >= ${query.from}::timestamptz` : sql``}
      ${query.to ? sql`and event_time < ${query.to}::timestamptz` : sql``}
      ${after === null ? sql`` : order === 'asc' ? sql`and sequence > ${after}` : sql`and sequence < ${after}`}
    order by sequence ${order === 'asc' ? sql`asc` : sql`desc`} limit ${limit + 1}`;
  const page = rows.slice(0, limit).map(recordFromRow);
  const last = page.at(-1);
  return { items: page.map(historyItem), nextCursor: rows.length > limit && last ? historyCursor(last.sequence, key) : null };
}
