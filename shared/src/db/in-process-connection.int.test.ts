import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from './connect';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { CANCEL_REQUEST } from './wire-messages';

let embedded: EmbeddedPostgres;
/** Over the loopback socket, to look at the session from outside the connections under test. */
let observer: Sql;

const inProcess = (max = 1) => connect(embedded.url, { max, socket: embedded.connectInProcess });
const preparedStatements = async () => Number((await observer`select count(*)::int as n from pg_prepared_statements`)[0]!.n);

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
  observer = connect(embedded.url, { max: 1, prepare: false });
  await observer`create table counters (id text primary key, n int not null)`;
});

afterAll(async () => {
  await observer.end();
  await embedded.stop();
});

describe('in-process connections to the embedded database', () => {
  it('run statements, parameters and transactions as a socket connection does', async () => {
    const sql = inProcess(2);
    try {
      const [row] = await sql`select ${41}::int + 1 as answer, ${'x'.repeat(5_000)} as long`;
      expect(row!.answer).toBe(42);
      expect(row!.long).toHaveLength(5_000);
      await sql.begin(async (tx) => {
        await tx`insert into counters (id, n) values ('a', 1)`;
        await tx`update counters set n = n + 1 where id = 'a'`;
      });
      expect((await observer`select n from counters where id = 'a'`)[0]!.n).toBe(2);
    } finally {
      await sql.end();
    }
  });

  it('keep concurrent transactions of two connections apart, and a failed one rolls back alone', async () => {
    const sql = inProcess(4);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          sql.begin(async (tx) => {
            await tx`insert into counters (id, n) values (${`c${i}`}, ${i})`;
            await tx`select pg_sleep(0.001)`;
            if (i % 2 === 1) await tx`select 1 / 0`;
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
      const ids = (await observer`select id from counters where id like 'c%' order by id`).map((r) => r.id);
      expect(ids).toEqual(['c0', 'c2', 'c4', 'c6']);
    } finally {
      await sql.end();
    }
  });

  it('free the statements they prepared in the shared session when they close', async () => {
    const before = await preparedStatements();
    const sql = inProcess(1);
    await sql`select n from counters where id = ${'a'}`;
    await sql`select id from counters where n > ${0}`;
    expect(await preparedStatements()).toBeGreaterThanOrEqual(before + 2);
    await sql.end();
    await expect.poll(preparedStatements).toBe(before);
  });

  it('roll back a transaction left open by a connection that goes away, and serve the others', async () => {
    const sql = inProcess(1);
    let entered!: () => void;
    const inTransaction = new Promise<void>((resolve) => (entered = resolve));
    const abandoned = sql
      .begin(async (tx) => {
        await tx`insert into counters (id, n) values ('abandoned', 1)`;
        entered();
        await new Promise(() => {});
      })
      .catch((error: unknown) => error);
    await inTransaction;
    await sql.end({ timeout: 0 });
    expect(await abandoned).toBeInstanceOf(Error);
    expect(await observer`select id from counters where id = 'abandoned'`).toHaveLength(0);
    const other = inProcess(1);
    try {
      expect((await other`select 1 as one`)[0]!.one).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('close on a cancel request, which the one session cannot honour, without running anything', async () => {
    const connection = embedded.connectInProcess();
    const closed = new Promise((resolve) => connection.once('close', resolve));
    const data: Buffer[] = [];
    connection.on('data', (chunk: Buffer) => data.push(chunk));
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(CANCEL_REQUEST, 4);
    connection.write(cancel);
    await closed;
    expect(connection.readyState).toBe('closed');
    expect(data).toHaveLength(0);
    expect((await observer`select 1 as one`)[0]!.one).toBe(1);
  });
});
