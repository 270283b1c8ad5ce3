import type { Sql } from '#shared/db/connect';
import type { LiveMessage } from './user-hub';

/** The NOTIFY channel of a chat schema: every chat instance on that schema listens to it. */
export const liveChannel = (schema: string) => `${schema}_live`;

export interface LiveEventRow {
  position: string;
  userId: string;
  message: LiveMessage;
}

/**
 * Stores a live message and, in the same statement, notifies its position and user on the schema's
 * channel (delivered at commit, in commit order). Returns false when the event (`source`, `id`) is
 * already stored: a redelivery, which notifies nobody.
 */
export async function recordLiveEvent(sql: Sql, schema: string, row: { source: string; id: string; userId: string; message: LiveMessage }): Promise<boolean> {
  const rows = await sql`
    with added as (
      insert into ${sql(`${schema}.live_events`)} (source, id, user_id, message) values (${row.source}, ${row.id}, ${row.userId}, ${JSON.stringify(row.message)}::text::json)
      on conflict do nothing returning position, user_id
    )
    select pg_notify(${liveChannel(schema)}, position || ' ' || user_id) from added`;
  return rows.length === 1;
}

/** The stored messages at these positions (those already pruned are missing). */
export async function readLiveEvents(sql: Sql, schema: string, positions: readonly string[]): Promise<LiveEventRow[]> {
  const rows = await sql<{ position: string; user_id: string; message: LiveMessage }[]>`
    select position::text as position, user_id, message from ${sql(`${schema}.live_events`)} where position = any(${`{${positions.join(',')}}`}::text::bigint[])`;
  return rows.map((row) => ({ position: row.position, userId: row.user_id, message: row.message }));
}

/** Deletes live events older than the retention; returns how many. */
export async function pruneLiveEvents(sql: Sql, schema: string, retentionSeconds: number): Promise<number> {
  const result = await sql`delete from ${sql(`${schema}.live_events`)} where created_at < now() - make_interval(secs => ${retentionSeconds})`;
  return result.count;
}
