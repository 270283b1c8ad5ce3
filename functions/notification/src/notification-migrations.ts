import type { SchemaMigrations } from '#shared/db/migrate';

/** The notification context's Postgres schema; tests pass another name to stay isolated. */
export function notificationMigrations(schema = 'notification'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
