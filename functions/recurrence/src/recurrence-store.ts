import type { TransactionSql } from '#shared/db/connect';
import type { Successor } from './decide';

/** Records the successor of a task; false when that task already has one (the database decides). */
export async function insertSuccessor(tx: TransactionSql, schema: string, userId: string, successor: Successor, now: Date): Promise<boolean> {
  const rows = await tx.unsafe(
    `insert into ${schema}.successors (predecessor_task_id, user_id, series_id, task_id, series_index, due_at, command_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (predecessor_task_id) do nothing returning task_id`,
    [successor.predecessorId, userId, successor.seriesId, successor.taskId, successor.index, successor.dueAt, successor.commandId, now.toISOString()],
  );
  return rows.length === 1;
}

/** Remembers that a task was deleted, so a completion delivered later generates nothing. */
export async function recordDeletion(tx: TransactionSql, schema: string, userId: string, taskId: string, at: string): Promise<void> {
  await tx.unsafe(`insert into ${schema}.deleted_tasks (task_id, user_id, deleted_at) values ($1, $2, $3) on conflict do nothing`, [taskId, userId, at]);
}

export async function wasDeleted(tx: TransactionSql, schema: string, taskId: string): Promise<boolean> {
  const rows = await tx.unsafe(`select 1 from ${schema}.deleted_tasks where task_id = $1`, [taskId]);
  return rows.length === 1;
}
