import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One database for the whole run: the embedded Postgres by default, or with
 * `TEST_DATABASE=server` a fresh database on the server at `DATABASE_URL`, dropped afterwards.
 * Test files isolate themselves further with their own schema names.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE === 'server') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE=server needs DATABASE_URL');
    const name = `todo_test_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    project.provide('databaseUrl', url.toString());
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const embedded = await startEmbeddedPostgres();
  project.provide('databaseUrl', embedded.url);
  return () => embedded.stop();
}
