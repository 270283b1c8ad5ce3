import { readdir, readFile } from 'node:fs/promises';
import type { Sql } from './connect';
import { PLATFORM_TABLES } from './platform-tables';

export interface SchemaMigrations {
  /** The Postgres schema the context owns, e.g. `task`. */
  schema: string;
  /** Folder of numbered `NNN_name.sql` files, applied in order, each once. */
  folder: URL;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** Creates the context's schema with the platform tables and applies its pending migrations in one transaction. */
export async function migrate(sql: Sql, { schema, folder }: SchemaMigrations): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const files = (await readdir(folder)).filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`migrate:${schema}`}))`;
    // Only when missing: on the cluster each role owns its ready-made schema but may not CREATE in the
    // database, and Postgres checks that right even for `create schema if not exists` on an existing one.
    // A script of several statements, written with {{schema}} placeholders: it runs as text (simple protocol).
    const runScript = (text: string) => tx.unsafe(text.replaceAll('{{schema}}', schema));
    const migrations = tx(`${schema}.schema_migrations`);
    const [existing] = await tx`select 1 from pg_namespace where nspname = ${schema}`;
    if (!existing) await tx`create schema ${tx(schema)}`;
    await tx`create table if not exists ${migrations} (version text primary key, applied_at timestamptz not null default now())`;
    await runScript(PLATFORM_TABLES);
    const done = new Set((await tx<{ version: string }[]>`select version from ${migrations}`).map((row) => row.version));
    for (const file of files.filter((name) => !done.has(name))) {
      await runScript(await readFile(new URL(file, folder), 'utf8'));
      await tx`insert into ${migrations} (version) values (${file})`;
      applied.push(file);
    }
  });
  return applied;
}
