import { createHash } from 'node:crypto';
import type { Sql } from '#shared/db/connect';
import * as z from 'zod/mini';
import { invalidCursor, pageCursor } from '#shared/http/page-cursor';
import type { AuditRecord } from './audit-record';
import { AUDIT_COLUMNS, type AuditRow, recordFromRow } from './audit-store';
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
  const params: unknown[] = [userId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = ['user_id = $1'];
  if (query.taskId) where.push(`task_id = ${param(query.taskId)}`);
  if (query.type?.length) where.push(`type = any(${param(query.type)}::text[])`);
  if (query.from) where.push(`event_time >= ${param(query.from)}::timestamptz`);
  if (query.to) where.push(`event_time < ${param(query.to)}::timestamptz`);
  if (query.cursor) where.push(`sequence ${order === 'asc' ? '>' : '<'} ${param(decodeCursor(query.cursor, key))}`);
  const limit = query.limit ?? 50;
  const rows = await sql.unsafe(
    `select ${AUDIT_COLUMNS} from ${schema}.audit_records where ${where.join(' and ')} order by sequence ${order} limit ${limit + 1}`,
    params as never[],
  );
  const page = rows.slice(0, limit).map((row) => recordFromRow(row as unknown as AuditRow));
  const last = page.at(-1);
  return { items: page.map(historyItem), nextCursor: rows.length > limit && last ? historyCursor(last.sequence, key) : null };
}
