import type { SchemaMigrations } from '#shared/db/migrate';

/** The chat context's Postgres schema (conversations and their messages); tests pass another name. */
export function chatMigrations(schema = 'chat'): SchemaMigrations {
  return { schema, folder: new URL('./migrations/', import.meta.url) };
}
