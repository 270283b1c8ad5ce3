import type { SchemaMigrations } from '#shared/db/migrate';

/** The audit context's Postgres schema; tests pass another name to stay isolated. */
export function auditMigrations(schema = 'audit'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
