import type { Sql, TransactionSql } from '#shared/db/connect';
import { type DayRange, type DayStats, type Tally, ZERO } from './decide';

/** Adds one event's tally to its user's day, creating the day's row at zero first when it has none. */
export async function addTally(tx: TransactionSql, schema: string, tally: Tally): Promise<void> {
  const add = { ...ZERO, [tally.counter]: 1 };
  await tx`
    insert into ${tx(`${schema}.daily_counts`)} as counts (user_id, day, created, completed, deleted, reminders_delivered)
    values (${tally.userId}, ${tally.day}, ${add.created}, ${add.completed}, ${add.deleted}, ${add.remindersDelivered})
    on conflict (user_id, day) do update set
      created = counts.created + excluded.created,
      completed = counts.completed + excluded.completed,
      deleted = counts.deleted + excluded.deleted,
      reminders_delivered = counts.reminders_delivered + excluded.reminders_delivered`;
}

/** The user's stored days within the range, oldest first (days without events have no row). */
export async function storedDays(sql: Sql, schema: string, userId: string, range: DayRange): Promise<DayStats[]> {
  return sql<DayStats[]>`
    select to_char(day, 'YYYY-MM-DD') as date, created, completed, deleted, reminders_delivered as "remindersDelivered"
    from ${sql(`${schema}.daily_counts`)}
    where user_id = ${userId} and day between ${range.from}::date and ${range.to}::date
    order by day`;
}
