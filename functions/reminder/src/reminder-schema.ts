import type { SchemaMigrations } from '#shared/db/migrate';

/** The reminder context's Postgres schema; tests pass another name to stay isolated. */
export function reminderMigrations(schema = 'reminder'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
