import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from './connect';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';

const SEGMENT_BYTES = 16 * 1024 * 1024;
let dataDir: string;
let embedded: EmbeddedPostgres;
let sql: Sql;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'embedded-wal-'));
  embedded = await startEmbeddedPostgres({ dataDir });
  sql = connect(embedded.url, { max: 1, socket: embedded.connectInProcess });
});

afterAll(async () => {
  await sql?.end();
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Bytes the file system holds for each WAL segment file (a sparse file holds far fewer than its size). */
function walSegments(): { name: string; size: number; allocated: number }[] {
  const wal = join(dataDir, 'pg_wal');
  return readdirSync(wal)
    .filter((name) => /^[0-9A-F]{24}$/.test(name))
    .map((name) => {
      const stat = statSync(join(wal, name));
      return { name, size: stat.size, allocated: stat.blocks * 512 };
    });
}

describe('the embedded database session', () => {
  it('starts a new WAL segment without writing 16 MiB of zeros first (the commit that crosses into it would wait for them)', async () => {
    await sql`create table filler (n int)`;
    const before = new Set(walSegments().map((segment) => segment.name));
    await sql`insert into filler select generate_series(1, 1000)`;
    await sql`select pg_switch_wal()`;
    await sql`insert into filler select generate_series(1, 1000)`;
    const created = walSegments().filter((segment) => !before.has(segment.name));
    expect(created.length).toBeGreaterThan(0);
    for (const segment of created) {
      expect(segment.size).toBe(SEGMENT_BYTES);
      expect(segment.allocated).toBeLessThan(SEGMENT_BYTES / 4);
    }
  });
});
