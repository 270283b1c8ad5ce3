import type { SchemaMigrations } from '#shared/db/migrate';

/** The recurrence context's Postgres schema; tests pass another name to stay isolated. */
export function recurrenceMigrations(schema = 'recurrence'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
