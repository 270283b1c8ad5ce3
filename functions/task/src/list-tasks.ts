import { PRIORITY_RANK, type Task, type TaskStatus } from '#shared/contracts/task';
import type postgres from 'postgres';
import { plansEachRun, type Sql, type TransactionSql } from '#shared/db/connect';
import * as z from 'zod/mini';
import { invalidCursor, pageCursor } from '#shared/http/page-cursor';
import type { ListQuery } from './list-query';
import { taskFromRow, type TaskRow } from './task-rows';
import { searchConditions, searchRank, searchWords } from './task-search';

type Fragment = postgres.Fragment;
type SortName = Exclude<ListQuery['sort'], undefined | 'relevance'>;
type Page = { items: Task[]; nextCursor: string | null };

interface SortPlan {
  direction: 'asc' | 'desc';
  keys: { expr: Fragment; type: Fragment }[];
}

/** The due time as a sort key: undated tasks last going up (`dueLast`), or last going down (`dueFirst`). */
const dueLast = (sql: Sql) => sql`coalesce(due_at, 'infinity'::timestamptz)`;
const dueFirst = (sql: Sql) => sql`coalesce(due_at, '-infinity'::timestamptz)`;

/** Each sort's keys, in the order of the index that serves it (migrations 001 and 004), the id last. */
function sortPlan(sql: Sql, sort: SortName): SortPlan {
  const key = (expr: Fragment, type: Fragment) => ({ expr, type });
  const last = key(dueLast(sql), sql`timestamptz`);
  const id = key(sql`id`, sql`uuid`);
  const plans: Record<SortName, SortPlan> = {
    dueAt: { direction: 'asc', keys: [last, id] },
    '-dueAt': { direction: 'desc', keys: [key(dueFirst(sql), sql`timestamptz`), id] },
    priority: { direction: 'asc', keys: [key(sql`(-priority)`, sql`int`), last, id] },
    '-priority': { direction: 'asc', keys: [key(sql`priority`, sql`int`), last, id] },
    createdAt: { direction: 'asc', keys: [key(sql`created_at`, sql`timestamptz`), id] },
    '-createdAt': { direction: 'desc', keys: [key(sql`created_at`, sql`timestamptz`), id] },
    title: { direction: 'asc', keys: [key(sql`lower(title)`, sql`text`), id] },
    '-title': { direction: 'desc', keys: [key(sql`lower(title)`, sql`text`), id] },
  };
  return plans[sort];
}

const commaList = (sql: Sql, parts: Fragment[]) => parts.reduce((list, part) => sql`${list}, ${part}`);
const allOf = (sql: Sql, conditions: Fragment[]) => conditions.reduce((all, condition) => sql`${all} and ${condition}`);

/** Written out, not a parameter, so that every plan of the statement can use the pending-only indexes. */
const statusIs = (sql: Sql, status: TaskStatus) => (status === 'pending' ? sql`status = 'pending'` : sql`status = 'completed'`);

/** `due_at < at` (or `>=`) on the due key the list is sorted by, so the index that sorts also bounds the range. */
const dueBound = (sql: Sql, dueKey: Fragment, op: '<' | '>=', at: string) => sql`due_at is not null and ${dueKey} ${op === '<' ? sql`<` : sql`>=`} ${at}::timestamptz`;

function filters(sql: Sql, userId: string, query: ListQuery, dueKey: Fragment, now: Date): Fragment[] {
  const where = [sql`user_id = ${userId}`];
  if (query.status) where.push(statusIs(sql, query.status));
  if (query.priority?.length) where.push(sql`priority = any(${query.priority.map((p) => PRIORITY_RANK[p])}::smallint[])`);
  if (query.tag?.length) where.push(sql`tags @> ${query.tag}::text[]`);
  if (query.dueBefore) where.push(dueBound(sql, dueKey, '<', query.dueBefore));
  if (query.dueAfter) where.push(dueBound(sql, dueKey, '>=', query.dueAfter));
  if (query.completedBefore) where.push(sql`completed_at < ${query.completedBefore}::timestamptz`);
  if (query.completedAfter) where.push(sql`completed_at >= ${query.completedAfter}::timestamptz`);
  if (query.hasDue === 'true') where.push(sql`due_at is not null`);
  if (query.hasDue === 'false') where.push(sql`due_at is null`);
  if (query.overdue === 'true') where.push(sql`${statusIs(sql, 'pending')} and ${dueBound(sql, dueKey, '<', now.toISOString())}`);
  if (query.overdue === 'false') where.push(sql`not (status = 'pending' and coalesce(due_at < ${now.toISOString()}::timestamptz, false))`);
  return where;
}

/**
 * Runs a list statement planned for its own values, by this process alone. The best plan depends on
 * the values (a user with ten tasks or 100,000, a tag on half of them or on a few), and the generic
 * plan a prepared statement may switch to after five runs is made for none: it intersected the tag
 * index over every user's tasks where the page needed 51 rows of one index. Parallel workers made a
 * search slower (24 ms instead of 17 for 7,000 matches), and they take cores from other requests.
 * The settings and the statement go in one round trip. The embedded database plans every run for its
 * values anyway and runs in one process: there the statement runs alone, since a transaction holds
 * its only session for longer.
 */
async function planned<Row extends object>(sql: Sql, statement: (db: Sql | TransactionSql) => postgres.PendingQuery<Row[]>): Promise<Row[]> {
  if (plansEachRun(sql)) return statement(sql);
  const [, rows] = await sql.begin((tx) => [
    tx`select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    statement(tx),
  ] as const);
  return rows;
}

const FOR_THIS_SORT = 'is not one this server issued for this sort';
/** Where a page ended: an offset in the relevance order, or the sort keys of its last task. */
const cursor = pageCursor(z.object({ o: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000))), k: z.optional(z.array(z.union([z.string(), z.number()]))) }), FOR_THIS_SORT);

/** The user's tasks, filtered, searched, sorted and paginated with an opaque cursor. */
export async function listTasks(sql: Sql, schema: string, userId: string, query: ListQuery, now: Date): Promise<Page> {
  const words = query.q ? searchWords(query.q) : null;
  if (query.q && !words) return { items: [], nextCursor: null };
  const sort = query.sort ?? (words ? 'relevance' : 'dueAt');
  const conditions = filters(sql, userId, query, sort === '-dueAt' ? dueFirst(sql) : dueLast(sql), now);
  // A search reads the user's matches from the index of the user's own lexemes, and the other
  // conditions filter them: as index conditions, the planner would intersect the matches with the
  // user's whole range of an index, or a tag's tasks of every user, taking them for selective.
  const where = words ? [sql`(${allOf(sql, conditions)}) is true`, ...searchConditions(sql, schema, userId, words)] : conditions;
  const tasks = sql(`${schema}.tasks`);
  const limit = query.limit ?? 50;
  const after = query.cursor ? cursor.decode(query.cursor) : null;

  if (sort === 'relevance') {
    if (after && after.o === undefined) throw invalidCursor(FOR_THIS_SORT);
    const offset = after?.o ?? 0;
    // Every match is ranked; the ranking carries only what its order needs, and only the page's rows are loaded whole.
    const rows = await planned(sql, (db) => db<TaskRow[]>`
      select task.* from (
        select id, ${searchRank(sql, words!)} as rank, created_at from ${tasks} where ${allOf(sql, where)}
        order by rank desc, created_at desc, id limit ${limit + 1} offset ${offset}
      ) as top join ${tasks} as task on task.id = top.id
      order by top.rank desc, top.created_at desc, top.id`);
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
  const rows = await planned(sql, (db) => db<(TaskRow & Record<`k${number}`, string>)[]>`
    select *, ${keyColumns} from ${tasks} where ${allOf(sql, where)} order by ${order} limit ${limit + 1}`);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = more && last ? cursor.encode({ k: plan.keys.map((_, index) => last[`k${index}`] as string) }) : null;
  return { items: page.map(taskFromRow), nextCursor };
}
