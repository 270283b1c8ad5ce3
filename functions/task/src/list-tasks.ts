import { PRIORITY_RANK, type Task } from '#shared/contracts/task';
import type { Sql } from '#shared/db/connect';
import { encodeCursor, readCursor } from '#shared/http/opaque-cursor';
import type { ListQuery } from './list-query';
import { taskFromRow, type TaskRow } from './task-rows';

export class InvalidCursor extends Error {}

interface SortPlan {
  direction: 'asc' | 'desc';
  keys: { expr: string; type: string }[];
}

const DUE_LAST = { expr: `coalesce(due_at, 'infinity'::timestamptz)`, type: 'timestamptz' };
const ID = { expr: 'id', type: 'uuid' };

const SORT_PLANS: Record<Exclude<ListQuery['sort'], undefined | 'relevance'>, SortPlan> = {
  dueAt: { direction: 'asc', keys: [DUE_LAST, ID] },
  '-dueAt': { direction: 'desc', keys: [{ expr: `coalesce(due_at, '-infinity'::timestamptz)`, type: 'timestamptz' }, ID] },
  priority: { direction: 'asc', keys: [{ expr: '(-priority)', type: 'int' }, DUE_LAST, ID] },
  '-priority': { direction: 'asc', keys: [{ expr: 'priority', type: 'int' }, DUE_LAST, ID] },
  createdAt: { direction: 'asc', keys: [{ expr: 'created_at', type: 'timestamptz' }, ID] },
  '-createdAt': { direction: 'desc', keys: [{ expr: 'created_at', type: 'timestamptz' }, ID] },
  title: { direction: 'asc', keys: [{ expr: 'lower(title)', type: 'text' }, ID] },
  '-title': { direction: 'desc', keys: [{ expr: 'lower(title)', type: 'text' }, ID] },
};

/** Each word of the query as a prefix match, so "mil" finds "milk". */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 10).map((word) => `${word}:*`).join(' & ') : null;
}

function decodeCursor(cursor: string): Record<string, unknown> {
  const value = readCursor(cursor);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidCursor('cursor is not one this server issued');
  return value as Record<string, unknown>;
}

/** The user's tasks, filtered, searched, sorted and paginated with an opaque cursor. */
export async function listTasks(sql: Sql, schema: string, userId: string, query: ListQuery, now: Date): Promise<{ items: Task[]; nextCursor: string | null }> {
  const params: unknown[] = [userId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = ['user_id = $1'];
  const tsquery = query.q ? prefixQuery(query.q) : null;
  if (query.q && !tsquery) return { items: [], nextCursor: null };
  if (tsquery) where.push(`search @@ to_tsquery('simple', ${param(tsquery)})`);
  if (query.status) where.push(`status = ${param(query.status)}`);
  if (query.priority?.length) where.push(`priority = any(${param(query.priority.map((p) => PRIORITY_RANK[p]))}::smallint[])`);
  if (query.tag?.length) where.push(`tags @> ${param(query.tag)}::text[]`);
  if (query.dueBefore) where.push(`due_at < ${param(query.dueBefore)}::timestamptz`);
  if (query.dueAfter) where.push(`due_at >= ${param(query.dueAfter)}::timestamptz`);
  if (query.completedBefore) where.push(`completed_at < ${param(query.completedBefore)}::timestamptz`);
  if (query.completedAfter) where.push(`completed_at >= ${param(query.completedAfter)}::timestamptz`);
  if (query.hasDue === 'true') where.push('due_at is not null');
  if (query.hasDue === 'false') where.push('due_at is null');
  if (query.overdue === 'true') where.push(`status = 'pending' and due_at < ${param(now.toISOString())}::timestamptz`);
  if (query.overdue === 'false') where.push(`not (status = 'pending' and coalesce(due_at < ${param(now.toISOString())}::timestamptz, false))`);

  const limit = query.limit ?? 50;
  const sort = query.sort ?? (tsquery ? 'relevance' : 'dueAt');
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;

  if (sort === 'relevance') {
    const offset = cursor === null ? 0 : Number(cursor.o);
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw new InvalidCursor('cursor is not one this server issued');
    const rank = `ts_rank(search, to_tsquery('simple', $2))`;
    const rows = await sql.unsafe(
      `select * from ${schema}.tasks where ${where.join(' and ')} order by ${rank} desc, created_at desc, id limit ${limit + 1} offset ${offset}`,
      params as never[],
    );
    const more = rows.length > limit;
    return { items: rows.slice(0, limit).map((row) => taskFromRow(row as unknown as TaskRow)), nextCursor: more ? encodeCursor({ o: offset + limit }) : null };
  }

  const plan = SORT_PLANS[sort];
  const keyList = plan.keys.map((key) => key.expr).join(', ');
  if (cursor !== null) {
    const after = cursor.k;
    if (!Array.isArray(after) || after.length !== plan.keys.length || !after.every((value) => typeof value === 'string' || typeof value === 'number')) {
      throw new InvalidCursor('cursor does not match this sort');
    }
    // As text: the driver would make a timestamptz parameter a JS Date, which cannot hold 'infinity' or microseconds.
    const placeholders = plan.keys.map((key, index) => `${param(String(after[index]))}::text::${key.type}`).join(', ');
    where.push(`(${keyList}) ${plan.direction === 'asc' ? '>' : '<'} (${placeholders})`);
  }
  const order = plan.keys.map((key) => `${key.expr} ${plan.direction}`).join(', ');
  const keyColumns = plan.keys.map((key, index) => `(${key.expr})::text as k${index}`).join(', ');
  const rows = await sql.unsafe(
    `select *, ${keyColumns} from ${schema}.tasks where ${where.join(' and ')} order by ${order} limit ${limit + 1}`,
    params as never[],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1) as Record<string, unknown> | undefined;
  const nextCursor = more && last ? encodeCursor({ k: plan.keys.map((_, index) => last[`k${index}`]) }) : null;
  return { items: page.map((row) => taskFromRow(row as unknown as TaskRow)), nextCursor };
}
