import type { Sql, TransactionSql } from '#shared/db/connect';
import type { NotificationChannel } from '#shared/events/notification-events';
import type { Notification, NotificationStatus } from './notification';

type Db = Sql | TransactionSql;

interface NotificationRow {
  id: string;
  user_id: string;
  reminder_id: string | null;
  task_id: string | null;
  title: string;
  body: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  traceparent: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  read_at: Date | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function notificationFromRow(row: NotificationRow): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    reminderId: row.reminder_id,
    taskId: row.task_id,
    title: row.title,
    body: row.body,
    channel: row.channel,
    status: row.status,
    traceparent: row.traceparent,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
  };
}

/**
 * Inserts notifications; returns the ids actually inserted. A reminder already notified on a channel
 * (unique reminder_id, channel) inserts nothing for that channel.
 */
export async function insertNotifications(tx: TransactionSql, schema: string, notifications: readonly Notification[]): Promise<Set<string>> {
  if (notifications.length === 0) return new Set();
  const records = notifications.map((n) => ({
    id: n.id, user_id: n.userId, reminder_id: n.reminderId, task_id: n.taskId, title: n.title, body: n.body, channel: n.channel,
    status: n.status, traceparent: n.traceparent, attempts: n.attempts, next_attempt_at: n.status === 'pending' ? n.nextAttemptAt : null,
    created_at: n.createdAt, delivered_at: n.deliveredAt,
  }));
  const inserted = await tx<{ id: string }[]>`
    insert into ${tx(`${schema}.notifications`)} (id, user_id, reminder_id, task_id, title, body, channel, status, traceparent, attempts, next_attempt_at, created_at, delivered_at)
    select * from jsonb_to_recordset(${JSON.stringify(records)}::text::jsonb) as x(id uuid, user_id text, reminder_id text, task_id uuid, title text, body text, channel text,
      status text, traceparent text, attempts integer, next_attempt_at timestamptz, created_at timestamptz, delivered_at timestamptz)
    on conflict (reminder_id, channel) do nothing returning id`;
  return new Set(inserted.map((row) => row.id));
}

/** The user's notification, or null — another user's is indistinguishable from a missing one. */
export async function findNotification(db: Db, schema: string, userId: string, id: string): Promise<Notification | null> {
  const [row] = await db<NotificationRow[]>`select * from ${db(`${schema}.notifications`)} where id = ${id} and user_id = ${userId}`;
  return row ? notificationFromRow(row) : null;
}

/** Marks the user's notification read once; reading it again keeps the first time. Null when not theirs. */
export async function markRead(db: Db, schema: string, userId: string, id: string, now: Date): Promise<Notification | null> {
  const [row] = await db<NotificationRow[]>`
    update ${db(`${schema}.notifications`)} set read_at = coalesce(read_at, ${now.toISOString()}) where id = ${id} and user_id = ${userId} returning *`;
  return row ? notificationFromRow(row) : null;
}

/** Marks every unread in-app notification of the user read now; returns how many there were. */
export async function markAllRead(db: Db, schema: string, userId: string, now: Date): Promise<number> {
  const updated = await db`
    update ${db(`${schema}.notifications`)} set read_at = ${now.toISOString()} where user_id = ${userId} and channel = 'in-app' and read_at is null returning id`;
  return updated.length;
}

export interface ListOptions {
  limit: number;
  unread: boolean;
  channel?: NotificationChannel | undefined;
  after?: { createdAt: string; id: string } | undefined;
}

/** A page of the user's notifications, newest first (keyset on created_at, id). */
export async function listNotifications(db: Db, schema: string, userId: string, options: ListOptions): Promise<Notification[]> {
  const { unread, channel, after } = options;
  const found = await db<NotificationRow[]>`
    select * from ${db(`${schema}.notifications`)}
    where user_id = ${userId}
      ${unread ? db`and channel = 'in-app' and read_at is null` : db``}
      ${channel ? db`and channel = ${channel}` : db``}
      ${after ? db`and (created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : db``}
    order by created_at desc, id desc limit ${options.limit}`;
  return found.map(notificationFromRow);
}

export interface Claim {
  now: Date;
  leaseUntil: Date;
  limit: number;
  /** Users, and users' channels, already at their limit of tries in flight: their rows stay where they are. */
  skip: { users: readonly string[]; lanes: readonly { userId: string; channel: NotificationChannel }[] };
}

/**
 * Claims due webhook and email deliveries for this dispatcher: pending ones whose time has come, and
 * `sending` ones whose lease ran out (their dispatcher died). Skips rows another dispatcher holds,
 * and those of `skip`, so one user's backlog never stands in front of another user's deliveries.
 */
export async function claimDue(sql: Sql, schema: string, claim: Claim): Promise<Notification[]> {
  const notifications = sql(`${schema}.notifications`);
  const { lanes } = claim.skip;
  const claimed = await sql<NotificationRow[]>`
    update ${notifications} set status = 'sending', locked_until = ${claim.leaseUntil.toISOString()}
    where id in (
      select id from ${notifications}
      where status in ('pending', 'sending') and (case when status = 'pending' then next_attempt_at else locked_until end) <= ${claim.now.toISOString()}
        and user_id <> all(${[...claim.skip.users]}::text[])
        and (user_id, channel) not in (select * from unnest(${lanes.map((lane) => lane.userId)}::text[], ${lanes.map((lane) => lane.channel)}::text[]))
      order by (case when status = 'pending' then next_attempt_at else locked_until end)
      limit ${claim.limit} for update skip locked)
    returning *`;
  return claimed.map(notificationFromRow);
}

/** When the next delivery becomes due (a pending one's time or a lease's end), or null when none waits. */
export async function nextDueAt(sql: Sql, schema: string): Promise<Date | null> {
  const [row] = await sql<{ due: Date | null }[]>`
    select min(case when status = 'pending' then next_attempt_at else locked_until end) as due from ${sql(`${schema}.notifications`)} where status in ('pending', 'sending')`;
  return row?.due ?? null;
}

/** Records a delivery's outcome (and its total tries) if this dispatcher still holds it; false when it does not. */
export async function finishDelivery(
  tx: TransactionSql,
  schema: string,
  id: string,
  outcome: { status: 'delivered' | 'failed'; attempts: number; at: Date; error: string | null },
): Promise<boolean> {
  const updated = await tx`
    update ${tx(`${schema}.notifications`)} set status = ${outcome.status}, attempts = ${outcome.attempts}, last_error = ${outcome.error}, locked_until = null, next_attempt_at = null,
      delivered_at = case when ${outcome.status} = 'delivered' then ${outcome.at.toISOString()}::timestamptz else null end
    where id = ${id} and status = 'sending' returning id`;
  return updated.length === 1;
}

/** Puts a failed try back in the queue with its total tries, its error and when to try again. */
export async function retryLater(sql: Sql, schema: string, id: string, retry: { attempts: number; error: string; nextAttemptAt: Date }): Promise<void> {
  await sql`
    update ${sql(`${schema}.notifications`)} set status = 'pending', locked_until = null, attempts = ${retry.attempts}, last_error = ${retry.error}, next_attempt_at = ${retry.nextAttemptAt.toISOString()}
    where id = ${id} and status = 'sending'`;
}

/** Hands a claimed delivery back untried, to be taken again from `nextAttemptAt` (on shutdown: at once on the next start). */
export async function releaseDelivery(sql: Sql, schema: string, id: string, nextAttemptAt: Date): Promise<void> {
  await sql`
    update ${sql(`${schema}.notifications`)} set status = 'pending', locked_until = null, next_attempt_at = ${nextAttemptAt.toISOString()} where id = ${id} and status = 'sending'`;
}
