import type { Sql, TransactionSql } from '#shared/db/connect';
import { DEFAULT_PREFERENCES, type Preferences, type QuietHours } from './preferences';

type Db = Sql | TransactionSql;

interface PreferencesRow {
  in_app: boolean;
  webhook_url: string | null;
  webhook_secret: string | null;
  email_address: string | null;
  email_verified_at: Date | null;
  quiet_hours: QuietHours | null;
}

const preferencesOf = (row: PreferencesRow): Preferences => ({
  inApp: row.in_app,
  webhook: row.webhook_url && row.webhook_secret ? { url: row.webhook_url, secret: row.webhook_secret } : null,
  email: row.email_address ? { address: row.email_address, verifiedAt: row.email_verified_at?.toISOString() ?? null } : null,
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
  const rows = await db<(PreferencesRow & { user_id: string })[]>`select * from ${db(`${schema}.preferences`)} where user_id = any(${[...new Set(userIds)]}::text[])`;
  for (const row of rows) found.set(row.user_id, preferencesOf(row));
  return found;
}

/** Serialises everything that changes one user's preferences or their email verification (a transaction-scoped lock). */
export async function lockPreferences(tx: TransactionSql, schema: string, userId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext(${`preferences:${schema}:${userId}`}))`;
}

export async function savePreferences(db: Db, schema: string, userId: string, preferences: Preferences, now: Date): Promise<void> {
  const { inApp, webhook, email, quietHours } = preferences;
  await db`
    insert into ${db(`${schema}.preferences`)} (user_id, in_app, webhook_url, webhook_secret, email_address, email_verified_at, quiet_hours, updated_at)
    values (${userId}, ${inApp}, ${webhook?.url ?? null}, ${webhook?.secret ?? null}, ${email?.address ?? null}, ${email?.verifiedAt ?? null},
      ${quietHours ? JSON.stringify(quietHours) : null}::text::jsonb, ${now.toISOString()})
    on conflict (user_id) do update set in_app = excluded.in_app, webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret,
      email_address = excluded.email_address, email_verified_at = excluded.email_verified_at, quiet_hours = excluded.quiet_hours, updated_at = excluded.updated_at`;
}

/** Marks the user's email address verified, if it is still `address`; false when it changed meanwhile. */
export async function markEmailVerified(db: Db, schema: string, userId: string, address: string, now: Date): Promise<boolean> {
  const updated = await db`
    update ${db(`${schema}.preferences`)} set email_verified_at = ${now.toISOString()} where user_id = ${userId} and email_address = ${address} returning user_id`;
  return updated.length === 1;
}
