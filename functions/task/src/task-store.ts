import { PRIORITY_RANK, type Task } from '#shared/contracts/task';
import type { Sql, TransactionSql } from '#shared/db/connect';
import { taskFromRow, type TaskRow } from './task-rows';

type Db = Sql | TransactionSql;

const SEARCH_VECTOR = `setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $4), 'B') || setweight(to_tsvector('simple', array_to_string($7::text[], ' ')), 'A')`;

function values(userId: string, task: Task): unknown[] {
  return [
    task.id,
    userId,
    task.title,
    task.description,
    task.status,
    PRIORITY_RANK[task.priority],
    task.tags,
    task.dueAt,
    task.reminders,
    task.recurrence ? JSON.stringify(task.recurrence) : null,
    task.version,
    task.createdAt,
    task.updatedAt,
    task.completedAt,
    task.series?.id ?? null,
    task.series?.index ?? null,
  ];
}

/** Inserts a new task; false when a task with that id already exists. */
export async function insertTask(db: Db, schema: string, userId: string, task: Task): Promise<boolean> {
  const rows = await db.unsafe(
    `insert into ${schema}.tasks (id, user_id, title, description, status, priority, tags, due_at, reminders, recurrence, version, created_at, updated_at, completed_at, series_id, series_index, search)
     values ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9::text[], $10::text::jsonb, $11, $12, $13, $14, $15, $16, ${SEARCH_VECTOR})
     on conflict (id) do nothing returning id`,
    values(userId, task) as never[],
  );
  return rows.length === 1;
}

/**
 * Writes a new version of a task, guarded by the version it was read at (one change may make two
 * versions: new fields, then a completion).
 */
export async function updateTask(db: Db, schema: string, userId: string, task: Task, readVersion: number): Promise<boolean> {
  const rows = await db.unsafe(
    `update ${schema}.tasks set title = $3, description = $4, status = $5, priority = $6, tags = $7::text[], due_at = $8,
       reminders = $9::text[], recurrence = $10::text::jsonb, version = $11, updated_at = $13, completed_at = $14, series_id = $15, series_index = $16, search = ${SEARCH_VECTOR}
     where id = $1 and user_id = $2 and version = $17 and created_at = $12 returning id`,
    [...values(userId, task), readVersion] as never[],
  );
  return rows.length === 1;
}

export async function deleteTask(db: Db, schema: string, userId: string, taskId: string): Promise<boolean> {
  const rows = await db.unsafe(`delete from ${schema}.tasks where id = $1 and user_id = $2 returning id`, [taskId, userId]);
  return rows.length === 1;
}

/** The user's task, or null — another user's task is indistinguishable from a missing one. */
export async function findTask(db: Db, schema: string, userId: string, taskId: string, lock = false): Promise<Task | null> {
  const rows = await db.unsafe(
    `select * from ${schema}.tasks where id = $1 and user_id = $2${lock ? ' for update' : ''}`,
    [taskId, userId],
  );
  return rows[0] ? taskFromRow(rows[0] as unknown as TaskRow) : null;
}
