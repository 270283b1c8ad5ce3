import type { Sql } from '#shared/db/connect';

/** Creates the user's feed, or replaces its token (the old one stops working with this statement). */
export async function saveFeed(sql: Sql, schema: string, userId: string, tokenHash: Buffer, createdAt: Date): Promise<void> {
  await sql`
    insert into ${sql(schema)}.calendar_feeds (user_id, token_hash, created_at) values (${userId}, ${tokenHash}, ${createdAt})
    on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at`;
}

/** When the user's feed was created (or last rotated), or null when there is none. */
export async function feedCreatedAt(sql: Sql, schema: string, userId: string): Promise<Date | null> {
  const [row] = await sql<{ created_at: Date }[]>`select created_at from ${sql(schema)}.calendar_feeds where user_id = ${userId}`;
  return row?.created_at ?? null;
}

/** Revokes the user's feed; false when there was none. */
export async function deleteFeed(sql: Sql, schema: string, userId: string): Promise<boolean> {
  const rows = await sql`delete from ${sql(schema)}.calendar_feeds where user_id = ${userId} returning user_id`;
  return rows.length === 1;
}

/** The user whose feed has this token hash, or null. */
export async function feedOwner(sql: Sql, schema: string, tokenHash: Buffer): Promise<string | null> {
  const [row] = await sql<{ user_id: string }[]>`select user_id from ${sql(schema)}.calendar_feeds where token_hash = ${tokenHash}`;
  return row?.user_id ?? null;
}
