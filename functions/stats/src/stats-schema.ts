import type { SchemaMigrations } from '#shared/db/migrate';

/** The stats context's Postgres schema; tests pass another name to stay isolated. */
export function statsMigrations(schema = 'stats'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
