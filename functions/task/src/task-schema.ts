import type { SchemaMigrations } from '#shared/db/migrate';

/** The task context's Postgres schema; tests pass another name to stay isolated. */
export function taskMigrations(schema = 'task'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
