import { PRIORITY_RANK, type Task } from '#shared/contracts/task';
import type postgres from 'postgres';
import type { Sql } from '#shared/db/connect';
import * as z from 'zod/mini';
import { invalidCursor, pageCursor } from '#shared/http/page-cursor';
import type { ListQuery } from './list-query';
import { taskFromRow, type TaskRow } from './task-rows';

type Fragment = postgres.Fragment;
type SortName = Exclude<ListQuery['sort'], undefined | 'relevance'>;

interface SortPlan {
  direction: 'asc' | 'desc';
  keys: { expr: Fragment; type: Fragment }[];
}

function sortPlan(sql: Sql, sort: SortName): SortPlan {
  const key = (expr: Fragment, type: Fragment) => ({ expr, type });
  const dueLast = key(sql`coalesce(due_at, 'infinity'::timestamptz)`, sql`timestamptz`);
  const id = key(sql`id`, sql`uuid`);
  const plans: Record<SortName, SortPlan> = {
    dueAt: { direction: 'asc', keys: [dueLast, id] },
    '-dueAt': { direction: 'desc', keys: [key(sql`coalesce(due_at, '-infinity'::timestamptz)`, sql`timestamptz`), id] },
    priority: { direction: 'asc', keys: [key(sql`(-priority)`, sql`int`), dueLast, id] },
    '-priority': { direction: 'asc', keys: [key(sql`priority`, sql`int`), dueLast, id] },
    createdAt: { direction: 'asc', keys: [key(sql`created_at`, sql`timestamptz`), id] },
    '-createdAt': { direction: 'desc', keys: [key(sql`created_at`, sql`timestamptz`), id] },
    title: { direction: 'asc', keys: [key(sql`lower(title)`, sql`text`), id] },
    '-title': { direction: 'desc', keys: [key(sql`lower(title)`, sql`text`), id] },
  };
  return plans[sort];
}

const commaList = (sql: Sql, parts: Fragment[]) => parts.reduce((list, part) => sql`${list}, ${part}`);
const allOf = (sql: Sql, conditions: Fragment[]) => conditions.reduce((all, condition) => sql`${all} and ${condition}`);

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
  const where = [sql`user_id = ${userId}`];
  const tsquery = query.q ? prefixQuery(query.q) : null;
  if (query.q && !tsquery) return { items: [], nextCursor: null };
  if (tsquery) where.push(sql`search @@ to_tsquery('simple', ${tsquery})`);
  if (query.status) where.push(sql`status = ${query.status}`);
  if (query.priority?.length) where.push(sql`priority = any(${query.priority.map((p) => PRIORITY_RANK[p])}::smallint[])`);
  if (query.tag?.length) where.push(sql`tags @> ${query.tag}::text[]`);
  if (query.dueBefore) where.push(sql`due_at < ${query.dueBefore}::timestamptz`);
  if (query.dueAfter) where.push(sql`due_at >= ${query.dueAfter}::timestamptz`);
  if (query.completedBefore) where.push(sql`completed_at < ${query.completedBefore}::timestamptz`);
  if (query.completedAfter) where.push(sql`completed_at >= ${query.completedAfter}::timestamptz`);
  if (query.hasDue === 'true') where.push(sql`due_at is not null`);
  if (query.hasDue === 'false') where.push(sql`due_at is null`);
  if (query.overdue === 'true') where.push(sql`status = 'pending' and due_at < ${now.toISOString()}::timestamptz`);
  if (query.overdue === 'false') where.push(sql`not (status = 'pending' and coalesce(due_at < ${now.toISOString()}::timestamptz, false))`);

  const tasks = sql(`${schema}.tasks`);
  const limit = query.limit ?? 50;
  const sort = query.sort ?? (tsquery ? 'relevance' : 'dueAt');
  const after = query.cursor ? cursor.decode(query.cursor) : null;

  if (sort === 'relevance') {
    if (after && after.o === undefined) throw invalidCursor(FOR_THIS_SORT);
    const offset = after?.o ?? 0;
    const rows = await sql<TaskRow[]>`
      select * from ${tasks} where ${allOf(sql, where)} order by ts_rank(search, to_tsquery('simple', ${tsquery})) desc, created_at desc, id limit ${limit + 1} offset ${offset}`;
    const more = rows.length > limit;
    return { items: rows.slice(0, limit).map(taskFromRow), nextCursor: more ? cursor.encode({ o: offset + limit }) : null };
  }

  const plan = sortPlan(sql, sort);
  if (after !== null) {
    const keys = after.k;
    if (keys?.length !== plan.keys.length) throw invalidCursor(FOR_THIS_SORT);
    // As text: the driver would make a timestamptz parameter a JS Date, which cannot hold 'infinity' or microseconds.
    const values = plan.keys.map((key, index) => sql`${String(keys[index])}::text::${key.type}`);
    where.push(sql`(${commaList(sql, plan.keys.map((key) => key.expr))}) ${plan.direction === 'asc' ? sql`>` : sql`<`} (${commaList(sql, values)})`);
  }
  const direction = plan.direction === 'asc' ? sql`asc` : sql`desc`;
  const order = commaList(sql, plan.keys.map((key) => sql`${key.expr} ${direction}`));
  const keyColumns = commaList(sql, plan.keys.map((key, index) => sql`(${key.expr})::text as ${sql(`k${index}`)}`));
  const rows = await sql<(TaskRow & Record<`k${number}`, string>)[]>`
    select *, ${keyColumns} from ${tasks} where ${allOf(sql, where)} order by ${order} limit ${limit + 1}`;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = more && last ? cursor.encode({ k: plan.keys.map((_, index) => last[`k${index}`] as string) }) : null;
  return { items: page.map(taskFromRow), nextCursor };
}
