import type { Sql, TransactionSql } from '#shared/db/connect';
import type { Reminder, ReminderStatus, ScheduledReminder, TaskView } from './reminder';

type Db = Sql | TransactionSql;

interface ReminderRow {
  id: string;
  task_id: string;
  user_id: string;
  origin: Reminder['origin'];
  before_due: string | null;
  remind_at: Date;
  status: ReminderStatus;
}

interface TaskRow {
  id: string;
  user_id: string;
  title: string;
  due_at: Date | null;
  status: TaskView['status'];
  version: number;
  reminders: string[];
}

const reminderOf = (row: ReminderRow): Reminder => ({
  id: row.id,
  taskId: row.task_id,
  userId: row.user_id,
  origin: row.origin,
  before: row.before_due,
  remindAt: row.remind_at.toISOString(),
  status: row.status,
});

const taskOf = (row: TaskRow): TaskView => ({
  id: row.id,
  userId: row.user_id,
  title: row.title,
  dueAt: row.due_at ? row.due_at.toISOString() : null,
  status: row.status,
  version: row.version,
  reminders: row.reminders,
});

/**
 * Applies a task snapshot to the projection when it is newer than the one applied (or the first);
 * false for an older or equal version, which then changes nothing. Locks the task's row until commit,
 * so one task's events apply one at a time.
 */
export async function saveTaskView(tx: TransactionSql, schema: string, task: TaskView): Promise<boolean> {
  const rows = await tx.unsafe(
    `insert into ${schema}.tasks (id, user_id, title, due_at, status, version, reminders) values ($1, $2, $3, $4, $5, $6, $7::text[])
     on conflict (id) do update set title = excluded.title, due_at = excluded.due_at, status = excluded.status,
       version = excluded.version, reminders = excluded.reminders
     where ${schema}.tasks.version < excluded.version and ${schema}.tasks.user_id = excluded.user_id
     returning id`,
    [task.id, task.userId, task.title, task.dueAt, task.status, task.version, task.reminders],
  );
  return rows.length === 1;
}

/** The user's task as last heard of; null when unknown, another user's, or deleted. */
export async function findTaskView(db: Db, schema: string, userId: string, taskId: string, lock = false): Promise<TaskView | null> {
  const rows = await db.unsafe(
    `select * from ${schema}.tasks where id = $1 and user_id = $2 and status <> 'deleted'${lock ? ' for update' : ''}`,
    [taskId, userId],
  );
  return rows[0] ? taskOf(rows[0] as unknown as TaskRow) : null;
}

/** A task's reminders that are not cancelled, locked until commit. */
export async function liveRemindersOfTask(tx: TransactionSql, schema: string, taskId: string): Promise<Reminder[]> {
  const rows = await tx.unsafe(`select * from ${schema}.reminders where task_id = $1 and status <> 'cancelled' order by remind_at, id for update`, [taskId]);
  return rows.map((row) => reminderOf(row as unknown as ReminderRow));
}

export async function insertReminders(tx: TransactionSql, schema: string, reminders: readonly Reminder[], now: Date): Promise<void> {
  if (reminders.length === 0) return;
  const rows = reminders.map((r) => ({ id: r.id, task_id: r.taskId, user_id: r.userId, origin: r.origin, before_due: r.before, remind_at: r.remindAt }));
  await tx.unsafe(
    `insert into ${schema}.reminders (id, task_id, user_id, origin, before_due, remind_at, status, created_at, updated_at)
     select x.id, x.task_id, x.user_id, x.origin, x.before_due, x.remind_at, 'scheduled', $2, $2
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, task_id uuid, user_id text, origin text, before_due text, remind_at timestamptz)`,
    [JSON.stringify(rows), now.toISOString()],
  );
}

export async function moveReminders(tx: TransactionSql, schema: string, reminders: readonly Reminder[], now: Date): Promise<void> {
  if (reminders.length === 0) return;
  await tx.unsafe(
    `update ${schema}.reminders r set remind_at = x.remind_at, updated_at = $2
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, remind_at timestamptz)
     where r.id = x.id and r.status = 'scheduled'`,
    [JSON.stringify(reminders.map((r) => ({ id: r.id, remind_at: r.remindAt }))), now.toISOString()],
  );
}

export async function cancelReminders(tx: TransactionSql, schema: string, reminderIds: readonly string[], now: Date): Promise<void> {
  if (reminderIds.length === 0) return;
  await tx.unsafe(
    `update ${schema}.reminders set status = 'cancelled', updated_at = $2 where id = any($1::uuid[]) and status = 'scheduled'`,
    [reminderIds as string[], now.toISOString()],
  );
}

export interface DueReminder {
  reminder: Reminder;
  task: TaskView | null;
}

function dueOf(row: Record<string, unknown>): DueReminder {
  const task = row.t_id ? taskOf({ id: row.t_id, user_id: row.t_user_id, title: row.t_title, due_at: row.t_due_at, status: row.t_status, version: row.t_version, reminders: row.t_reminders } as TaskRow) : null;
  return { reminder: reminderOf(row as unknown as ReminderRow), task };
}

const WITH_TASK = `select r.*, t.id as t_id, t.user_id as t_user_id, t.title as t_title, t.due_at as t_due_at, t.status as t_status, t.version as t_version, t.reminders as t_reminders
  from {{schema}}.reminders r left join {{schema}}.tasks t on t.id = r.task_id`;

/**
 * Locks up to `limit` scheduled reminders due at `now`, skipping rows another transaction holds,
 * so two running copies never claim the same reminder. The caller records the outcome in the same
 * transaction.
 */
export async function claimDueReminders(tx: TransactionSql, schema: string, now: Date, limit: number): Promise<DueReminder[]> {
  const rows = await tx.unsafe(
    `${WITH_TASK.replaceAll('{{schema}}', schema)} where r.status = 'scheduled' and r.remind_at <= $1 order by r.remind_at, r.id limit $2 for update of r skip locked`,
    [now.toISOString(), limit],
  );
  return rows.map((row) => dueOf(row));
}

/** One reminder with its task, locked until commit (waits for a concurrent firing to finish). */
export async function lockReminder(tx: TransactionSql, schema: string, reminderId: string): Promise<DueReminder | null> {
  const rows = await tx.unsafe(`${WITH_TASK.replaceAll('{{schema}}', schema)} where r.id = $1 for update of r`, [reminderId]);
  return rows[0] ? dueOf(rows[0]) : null;
}

export async function recordFirings(tx: TransactionSql, schema: string, firings: readonly { id: string; status: 'delivered' | 'failed'; reason: string | null }[], now: Date): Promise<void> {
  if (firings.length === 0) return;
  await tx.unsafe(
    `update ${schema}.reminders r set status = x.status, reason = x.reason, fired_at = $2, updated_at = $2
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, status text, reason text)
     where r.id = x.id and r.status = 'scheduled'`,
    [JSON.stringify(firings.map(({ id, status, reason }) => ({ id, status, reason }))), now.toISOString()],
  );
}

/** The earliest time a scheduled reminder is due, or null when none is. */
export async function nextDueAt(db: Db, schema: string): Promise<Date | null> {
  const [row] = await db.unsafe(`select min(remind_at) as at from ${schema}.reminders where status = 'scheduled'`);
  return (row?.at as Date | null) ?? null;
}

/** Every scheduled reminder, earliest first (the Dapr scheduler's start-up re-sync). */
export async function scheduledReminders(db: Db, schema: string): Promise<ScheduledReminder[]> {
  const rows = await db.unsafe(`select id, remind_at from ${schema}.reminders where status = 'scheduled' order by remind_at, id`);
  return rows.map((row) => ({ id: row.id as string, remindAt: (row.remind_at as Date).toISOString() }));
}

export interface ReminderFilter {
  status?: ReminderStatus | undefined;
  taskId?: string | undefined;
  limit: number;
  /** Only reminders after this one in (remindAt, id) order: the next page. */
  after?: { remindAt: string; id: string } | undefined;
}

/** The user's reminders, earliest first (keyset on remind_at, id). */
export async function listReminders(db: Db, schema: string, userId: string, filter: ReminderFilter): Promise<Reminder[]> {
  const rows = await db.unsafe(
    `select * from ${schema}.reminders where user_id = $1 and ($2::text is null or status = $2) and ($3::uuid is null or task_id = $3)
       and ($5::timestamptz is null or (remind_at, id) > ($5::timestamptz, $6::uuid))
     order by remind_at, id limit $4`,
    [userId, filter.status ?? null, filter.taskId ?? null, filter.limit, filter.after?.remindAt ?? null, filter.after?.id ?? null],
  );
  return rows.map((row) => reminderOf(row as unknown as ReminderRow));
}
