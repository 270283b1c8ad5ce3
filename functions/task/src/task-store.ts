import { PRIORITY_RANK, type Task } from '#shared/contracts/task';
import type { Sql, TransactionSql } from '#shared/db/connect';
import { taskFromRow, type TaskRow } from './task-rows';

type Db = Sql | TransactionSql;

const recurrenceJson = (task: Task) => (task.recurrence ? JSON.stringify(task.recurrence) : null);

const searchVector = (db: Db, task: Task) =>
  db`setweight(to_tsvector('simple', ${task.title}), 'A') || setweight(to_tsvector('simple', ${task.description}), 'B') || setweight(to_tsvector('simple', array_to_string(${task.tags}::text[], ' ')), 'A')`;

/** Inserts a new task; false when a task with that id already exists. */
export async function insertTask(db: Db, schema: string, userId: string, task: Task): Promise<boolean> {
  const rows = await db`
    insert into ${db(`${schema}.tasks`)} (id, user_id, title, description, status, priority, tags, due_at, reminders, recurrence, version, created_at, updated_at, completed_at, series_id, series_index, search)
    values (${task.id}, ${userId}, ${task.title}, ${task.description}, ${task.status}, ${PRIORITY_RANK[task.priority]}, ${task.tags}::text[], ${task.dueAt},
      ${task.reminders}::text[], ${recurrenceJson(task)}::text::jsonb, ${task.version}, ${task.createdAt}, ${task.updatedAt}, ${task.completedAt},
      ${task.series?.id ?? null}, ${task.series?.index ?? null}, ${searchVector(db, task)})
    on conflict (id) do nothing returning id`;
  return rows.length === 1;
}

/**
 * Writes a new version of a task, guarded by the version it was read at (one change may make two
 * versions: new fields, then a completion).
 */
export async function updateTask(db: Db, schema: string, userId: string, task: Task, readVersion: number): Promise<boolean> {
  const rows = await db`
    update ${db(`${schema}.tasks`)} set title = ${task.title}, description = ${task.description}, status = ${task.status}, priority = ${PRIORITY_RANK[task.priority]},
      tags = ${task.tags}::text[], due_at = ${task.dueAt}, reminders = ${task.reminders}::text[], recurrence = ${recurrenceJson(task)}::text::jsonb,
      version = ${task.version}, updated_at = ${task.updatedAt}, completed_at = ${task.completedAt}, series_id = ${task.series?.id ?? null},
      series_index = ${task.series?.index ?? null}, search = ${searchVector(db, task)}
    where id = ${task.id} and user_id = ${userId} and version = ${readVersion} and created_at = ${task.createdAt} returning id`;
  return rows.length === 1;
}

export async function deleteTask(db: Db, schema: string, userId: string, taskId: string): Promise<boolean> {
  const rows = await db`delete from ${db(`${schema}.tasks`)} where id = ${taskId} and user_id = ${userId} returning id`;
  return rows.length === 1;
}

/** The user's task, or null — another user's task is indistinguishable from a missing one. */
export async function findTask(db: Db, schema: string, userId: string, taskId: string, lock = false): Promise<Task | null> {
  const [row] = await db<TaskRow[]>`select * from ${db(`${schema}.tasks`)} where id = ${taskId} and user_id = ${userId} ${lock ? db`for update` : db``}`;
  return row ? taskFromRow(row) : null;
}
