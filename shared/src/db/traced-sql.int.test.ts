import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { testSql, uniqueSchema } from '../testing/test-database';
import { inSpan, setTracing } from '../trace/spans';
import { startTracingSdk } from '../trace/tracing-sdk';
import type { Sql } from './connect';
import { tracedSql } from './traced-sql';

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let sdk: ReturnType<typeof startTracingSdk>;
let raw: Sql;
let sql: Sql;
const schema = uniqueSchema('traced');

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  sdk = startTracingSdk({ url: `${receiver.url}/v1/traces`, headers: {}, timeoutMillis: 2_000, resourceAttributes: {}, serviceName: 'traced-sql-test', protocol: 'http/json', sampler: 'always_on', ratio: 1 });
  setTracing(true);
  raw = testSql();
  sql = tracedSql(raw, { database: 'todo' });
  await raw`create schema ${raw(schema)}`;
  await raw`create table ${raw(`${schema}.notes`)} (id int primary key, text text not null)`;
});
afterAll(async () => {
  setTracing(false);
  await sdk.shutdown();
  await raw`drop schema ${raw(schema)} cascade`;
  await raw.end();
  await receiver.close();
});

describe('the traced client', () => {
  it('answers as the client does: rows, helpers, transactions that commit or roll back, errors', async () => {
    const notes = sql(`${schema}.notes`);
    await sql`insert into ${notes} ${sql([{ id: 1, text: 'one' }, { id: 2, text: 'two' }])}`;
    expect(await sql<{ id: number; text: string }[]>`select id, text from ${notes} order by id`).toEqual([
      { id: 1, text: 'one' },
      { id: 2, text: 'two' },
    ]);
    await expect(
      sql.begin(async (tx) => {
        await tx`insert into ${tx(`${schema}.notes`)} (id, text) values (3, 'three')`;
        throw new Error('change of mind');
      }),
    ).rejects.toThrow('change of mind');
    expect(await sql.begin((tx) => tx`insert into ${tx(`${schema}.notes`)} (id, text) values (4, 'four') returning id`)).toEqual([{ id: 4 }]);
    await expect(sql`insert into ${notes} (id, text) values (1, 'again')`).rejects.toMatchObject({ code: '23505' });
    expect((await raw<{ id: number }[]>`select id from ${raw(`${schema}.notes`)} order by id`).map((row) => row.id)).toEqual([1, 2, 4]);
  });

  it('records a span per statement (its first word, never its values) and per transaction, inside the work that ran them', async () => {
    await inSpan('work', { parent: null }, () => sql.begin((tx) => tx`select id from ${tx(`${schema}.notes`)} where text = ${'secret-value'}`));
    await sdk.shutdown();
    const work = receiver.spans.find((span) => span.name === 'work')!;
    const transaction = receiver.spans.find((span) => span.name === 'db transaction' && span.parentSpanId === work.spanId)!;
    const select = receiver.spans.find((span) => span.name === 'db select' && span.parentSpanId === transaction.spanId)!;
    expect(select.attributes).toMatchObject({ 'db.system.name': 'postgresql', 'db.namespace': 'todo', 'db.operation.name': 'select' });
    expect(JSON.stringify(receiver.spans)).not.toContain('secret-value');
  });
});
