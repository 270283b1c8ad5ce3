import type { Sql, TransactionSql } from '#shared/db/connect';
import { DEFAULT_PREFERENCES, type Preferences, type QuietHours } from './preferences';

type Db = Sql | TransactionSql;

interface PreferencesRow {
  in_app: boolean;
  webhook_url: string | null;
  webhook_secret: string | null;
  email_address: string | null;
  quiet_hours: QuietHours | null;
}

const preferencesOf = (row: PreferencesRow): Preferences => ({
  inApp: row.in_app,
  webhook: row.webhook_url && row.webhook_secret ? { url: row.webhook_url, secret: row.webhook_secret } : null,
  email: row.email_address ? { address: row.email_address } : null,
  quietHours: row.quiet_hours,
});

/** The user's preferences, or the defaults (in-app only) when they never set any. */
export async function loadPreferences(db: Db, schema: string, userId: string): Promise<Preferences> {
  return (await loadPreferencesOf(db, schema, [userId])).get(userId)!;
}

/** Several users' preferences in one query, defaults for those who never set any. */
export async function loadPreferencesOf(db: Db, schema: string, userIds: readonly string[]): Promise<Map<string, Preferences>> {
  const found = new Map<string, Preferences>(userIds.map((userId) => [userId, DEFAULT_PREFERENCES]));
  if (userIds.length === 0) return found;
  const rows = (await db.unsafe(`select * from ${schema}.preferences where user_id = any($1::text[])`, [[...new Set(userIds)]])) as unknown as (PreferencesRow & { user_id: string })[];
  for (const row of rows) found.set(row.user_id, preferencesOf(row));
  return found;
}

export async function savePreferences(db: Db, schema: string, userId: string, preferences: Preferences, now: Date): Promise<void> {
  await db.unsafe(
    `insert into ${schema}.preferences (user_id, in_app, webhook_url, webhook_secret, email_address, quiet_hours, updated_at)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)
     on conflict (user_id) do update set in_app = excluded.in_app, webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret,
       email_address = excluded.email_address, quiet_hours = excluded.quiet_hours, updated_at = excluded.updated_at`,
    [
      userId,
      preferences.inApp,
      preferences.webhook?.url ?? null,
      preferences.webhook?.secret ?? null,
      preferences.email?.address ?? null,
      preferences.quietHours ? JSON.stringify(preferences.quietHours) : null,
      now.toISOString(),
    ],
  );
}
