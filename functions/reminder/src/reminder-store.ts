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
  scheduled_by: string | null;
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

interface DueRow extends ReminderRow {
  t_id: string | null;
  t_user_id: string;
  t_title: string;
  t_due_at: Date | null;
  t_status: TaskView['status'];
  t_version: number;
  t_reminders: string[];
}

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
  const tasks = tx(`${schema}.tasks`);
  const rows = await tx`
    insert into ${tasks} (id, user_id, title, due_at, status, version, reminders)
    values (${task.id}, ${task.userId}, ${task.title}, ${task.dueAt}, ${task.status}, ${task.version}, ${task.reminders}::text[])
    on conflict (id) do update set title = excluded.title, due_at = excluded.due_at, status = excluded.status,
      version = excluded.version, reminders = excluded.reminders
    where ${tasks}.version < excluded.version and ${tasks}.user_id = excluded.user_id
    returning id`;
  return rows.length === 1;
}

/** The user's task as last heard of; null when unknown, another user's, or deleted. */
export async function findTaskView(db: Db, schema: string, userId: string, taskId: string, lock = false): Promise<TaskView | null> {
  const [row] = await db<TaskRow[]>`
    select * from ${db(`${schema}.tasks`)} where id = ${taskId} and user_id = ${userId} and status <> 'deleted' ${lock ? db`for update` : db``}`;
  return row ? taskOf(row) : null;
}

/** A task's reminders that are not cancelled, locked until commit. */
export async function liveRemindersOfTask(tx: TransactionSql, schema: string, taskId: string): Promise<Reminder[]> {
  const rows = await tx<ReminderRow[]>`select * from ${tx(`${schema}.reminders`)} where task_id = ${taskId} and status <> 'cancelled' order by remind_at, id for update`;
  return rows.map(reminderOf);
}

/** Inserts scheduled reminders; `scheduledBy` is the `traceparent` of the span scheduling them. */
export async function insertReminders(tx: TransactionSql, schema: string, reminders: readonly Reminder[], now: Date, scheduledBy: string): Promise<void> {
  if (reminders.length === 0) return;
  const rows = reminders.map((r) => ({ id: r.id, task_id: r.taskId, user_id: r.userId, origin: r.origin, before_due: r.before, remind_at: r.remindAt }));
  const at = now.toISOString();
  await tx`
    insert into ${tx(`${schema}.reminders`)} (id, task_id, user_id, origin, before_due, remind_at, status, created_at, updated_at, scheduled_by)
    select x.id, x.task_id, x.user_id, x.origin, x.before_due, x.remind_at, 'scheduled', ${at}, ${at}, ${scheduledBy}
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as x(id uuid, task_id uuid, user_id text, origin text, before_due text, remind_at timestamptz)`;
}

export async function moveReminders(tx: TransactionSql, schema: string, reminders: readonly Reminder[], now: Date): Promise<void> {
  if (reminders.length === 0) return;
  await tx`
    update ${tx(`${schema}.reminders`)} r set remind_at = x.remind_at, updated_at = ${now.toISOString()}
    from jsonb_to_recordset(${JSON.stringify(reminders.map((r) => ({ id: r.id, remind_at: r.remindAt })))}::text::jsonb) as x(id uuid, remind_at timestamptz)
    where r.id = x.id and r.status = 'scheduled'`;
}

export async function cancelReminders(tx: TransactionSql, schema: string, reminderIds: readonly string[], now: Date): Promise<void> {
  if (reminderIds.length === 0) return;
  await tx`
    update ${tx(`${schema}.reminders`)} set status = 'cancelled', updated_at = ${now.toISOString()}
    where id = any(${reminderIds}::uuid[]) and status = 'scheduled'`;
}

export interface DueReminder {
  reminder: Reminder;
  task: TaskView | null;
  /** The `traceparent` of the span that scheduled it (none for reminders older than tracing). */
  scheduledBy: string | null;
}

function dueOf(row: DueRow): DueReminder {
  const task = row.t_id
    ? taskOf({ id: row.t_id, user_id: row.t_user_id, title: row.t_title, due_at: row.t_due_at, status: row.t_status, version: row.t_version, reminders: row.t_reminders })
    : null;
  return { reminder: reminderOf(row), task, scheduledBy: row.scheduled_by };
}

const withTask = (tx: TransactionSql, schema: string) =>
  tx`select r.*, t.id as t_id, t.user_id as t_user_id, t.title as t_title, t.due_at as t_due_at, t.status as t_status, t.version as t_version, t.reminders as t_reminders
    from ${tx(`${schema}.reminders`)} r left join ${tx(`${schema}.tasks`)} t on t.id = r.task_id`;

/**
 * Locks up to `limit` scheduled reminders due at `now`, skipping rows another transaction holds,
 * so two running copies never claim the same reminder. The caller records the outcome in the same
 * transaction.
 */
export async function claimDueReminders(tx: TransactionSql, schema: string, now: Date, limit: number): Promise<DueReminder[]> {
  const rows = await tx<DueRow[]>`
    ${withTask(tx, schema)} where r.status = 'scheduled' and r.remind_at <= ${now.toISOString()} order by r.remind_at, r.id limit ${limit} for update of r skip locked`;
  return rows.map(dueOf);
}

/** One reminder with its task, locked until commit (waits for a concurrent firing to finish). */
export async function lockReminder(tx: TransactionSql, schema: string, reminderId: string): Promise<DueReminder | null> {
  const [row] = await tx<DueRow[]>`${withTask(tx, schema)} where r.id = ${reminderId} for update of r`;
  return row ? dueOf(row) : null;
}

export async function recordFirings(tx: TransactionSql, schema: string, firings: readonly { id: string; status: 'delivered' | 'failed'; reason: string | null }[], now: Date): Promise<void> {
  if (firings.length === 0) return;
  const at = now.toISOString();
  await tx`
    update ${tx(`${schema}.reminders`)} r set status = x.status, reason = x.reason, fired_at = ${at}, updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(firings.map(({ id, status, reason }) => ({ id, status, reason })))}::text::jsonb) as x(id uuid, status text, reason text)
    where r.id = x.id and r.status = 'scheduled'`;
}

/** The earliest time a scheduled reminder is due, or null when none is. */
export async function nextDueAt(db: Db, schema: string): Promise<Date | null> {
  const [row] = await db<{ at: Date | null }[]>`select min(remind_at) as at from ${db(`${schema}.reminders`)} where status = 'scheduled'`;
  return row?.at ?? null;
}

/** Every scheduled reminder, earliest first (the Dapr scheduler's start-up re-sync). */
export async function scheduledReminders(db: Db, schema: string): Promise<ScheduledReminder[]> {
  const rows = await db<{ id: string; remind_at: Date }[]>`select id, remind_at from ${db(`${schema}.reminders`)} where status = 'scheduled' order by remind_at, id`;
  return rows.map((row) => ({ id: row.id, remindAt: row.remind_at.toISOString() }));
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
  const status = filter.status ?? null;
  const taskId = filter.taskId ?? null;
  const after = filter.after ?? null;
  const rows = await db<ReminderRow[]>`
    select * from ${db(`${schema}.reminders`)} where user_id = ${userId} and (${status}::text is null or status = ${status}) and (${taskId}::uuid is null or task_id = ${taskId})
      and (${after?.remindAt ?? null}::timestamptz is null or (remind_at, id) > (${after?.remindAt ?? null}::timestamptz, ${after?.id ?? null}::uuid))
    order by remind_at, id limit ${filter.limit}`;
  return rows.map(reminderOf);
}
