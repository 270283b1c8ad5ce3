import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A fresh database on the server, named `bench_<prefix>_<random>`, dropped by `drop`. */
export async function freshDatabase(serverUrl: string, prefix: string, scenario: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = `bench_${prefix}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(`the ${scenario} bench needs a Postgres server (bash scripts/postgres.sh install start, or BENCH_DATABASE_URL): ${(error as Error).message}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
