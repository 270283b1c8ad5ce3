import { PRIORITY_RANK, type Task } from '#shared/contracts/task';
import type { Sql } from '#shared/db/connect';
import * as z from 'zod/mini';
import { invalidCursor, pageCursor } from '#shared/http/page-cursor';
import type { ListQuery } from './list-query';
import { taskFromRow, type TaskRow } from './task-rows';

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

const FOR_THIS_SORT = 'is not one this server issued for this sort';
/** Where a page ended: an offset in the relevance order, or the sort keys of its last task. */
const cursor = pageCursor(z.object({ o: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000))), k: z.optional(z.array(z.union([z.string(), z.number()]))) }), FOR_THIS_SORT);

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
  const after = query.cursor ? cursor.decode(query.cursor) : null;

  if (sort === 'relevance') {
    if (after && after.o === undefined) throw invalidCursor(FOR_THIS_SORT);
    const offset = after?.o ?? 0;
    const rank = `ts_rank(search, to_tsquery('simple', $2))`;
    const rows = await sql.unsafe(
      `select * from ${schema}.tasks where ${where.join(' and ')} order by ${rank} desc, created_at desc, id limit ${limit + 1} offset ${offset}`,
      params as never[],
    );
    const more = rows.length > limit;
    return { items: rows.slice(0, limit).map((row) => taskFromRow(row as unknown as TaskRow)), nextCursor: more ? cursor.encode({ o: offset + limit }) : null };
  }

  const plan = SORT_PLANS[sort];
  const keyList = plan.keys.map((key) => key.expr).join(', ');
  if (after !== null) {
    const keys = after.k;
    if (keys?.length !== plan.keys.length) throw invalidCursor(FOR_THIS_SORT);
    // As text: the driver would make a timestamptz parameter a JS Date, which cannot hold 'infinity' or microseconds.
    const placeholders = plan.keys.map((key, index) => `${param(String(keys[index]))}::text::${key.type}`).join(', ');
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
  const nextCursor = more && last ? cursor.encode({ k: plan.keys.map((_, index) => last[`k${index}`] as string) }) : null;
  return { items: page.map((row) => taskFromRow(row as unknown as TaskRow)), nextCursor };
}
