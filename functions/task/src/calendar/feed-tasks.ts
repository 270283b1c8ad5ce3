import type { Task } from '#shared/contracts/task';
import type { Sql } from '#shared/db/connect';
import { taskFromRow, type TaskRow } from '../task-rows';

/**
 * At most this many tasks are in a feed: the user's pending tasks with a due time, earliest due
 * first (overdue ones included). It bounds what one poll costs, whatever the user holds.
 */
export const FEED_TASK_LIMIT = 1_000;

export type DueTask = Task & { dueAt: string };

/** The ids and versions of the tasks in the user's feed, in feed order: enough to tell whether it changed. */
export async function feedVersions(sql: Sql, schema: string, userId: string, limit: number): Promise<{ id: string; version: number }[]> {
  return sql<{ id: string; version: number }[]>`
    select id, version from ${sql(schema)}.tasks
    where user_id = ${userId} and status = 'pending' and due_at is not null
    order by due_at, id limit ${limit}`;
}

/** The tasks in the user's feed, in feed order. */
export async function feedTasks(sql: Sql, schema: string, userId: string, limit: number): Promise<DueTask[]> {
  const rows = await sql<TaskRow[]>`
    select id, user_id, title, description, status, priority, tags, due_at, reminders, recurrence, series_id, series_index, version, created_at, updated_at, completed_at
    from ${sql(schema)}.tasks
    where user_id = ${userId} and status = 'pending' and due_at is not null
    order by due_at, id limit ${limit}`;
  return rows.map((row) => taskFromRow(row) as DueTask);
}
