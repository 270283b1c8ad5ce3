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
    const [existing] = await tx`select 1 from pg_namespace where nspname = ${schema}`;
    if (!existing) await tx.unsafe(`create schema ${schema}`);
    await tx.unsafe(`create table if not exists ${schema}.schema_migrations (version text primary key, applied_at timestamptz not null default now())`);
    await tx.unsafe(PLATFORM_TABLES.replaceAll('{{schema}}', schema));
    const done = new Set((await tx.unsafe(`select version from ${schema}.schema_migrations`)).map((row) => row.version as string));
    for (const file of files.filter((name) => !done.has(name))) {
      const text = await readFile(new URL(file, folder), 'utf8');
      await tx.unsafe(text.replaceAll('{{schema}}', schema));
      await tx.unsafe(`insert into ${schema}.schema_migrations (version) values ($1)`, [file]);
      applied.push(file);
    }
  });
  return applied;
}
