import type { TransactionSql } from '#shared/db/connect';
import type { Successor } from './decide';

/** Records the successor of a task; false when that task already has one (the database decides). */
export async function insertSuccessor(tx: TransactionSql, schema: string, userId: string, successor: Successor, now: Date): Promise<boolean> {
  const rows = await tx`
    insert into ${tx(`${schema}.successors`)} (predecessor_task_id, user_id, series_id, task_id, series_index, due_at, command_id, created_at)
    values (${successor.predecessorId}, ${userId}, ${successor.seriesId}, ${successor.taskId}, ${successor.index}, ${successor.dueAt}, ${successor.commandId}, ${now.toISOString()})
    on conflict (predecessor_task_id) do nothing returning task_id`;
  return rows.length === 1;
}

/** Remembers that a task was deleted, so a completion delivered later generates nothing. */
export async function recordDeletion(tx: TransactionSql, schema: string, userId: string, taskId: string, at: string): Promise<void> {
  await tx`insert into ${tx(`${schema}.deleted_tasks`)} (task_id, user_id, deleted_at) values (${taskId}, ${userId}, ${at}) on conflict do nothing`;
}

export async function wasDeleted(tx: TransactionSql, schema: string, taskId: string): Promise<boolean> {
  const rows = await tx`select 1 from ${tx(`${schema}.deleted_tasks`)} where task_id = ${taskId}`;
  return rows.length === 1;
}
