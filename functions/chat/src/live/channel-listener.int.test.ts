import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Sql } from '#shared/db/connect';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import { listenToChannel } from './channel-listener';
import { startFreezableProxy } from '../../test/live/freezable-proxy';

const onServer = process.env.TEST_DATABASE === 'server';
const title = onServer
  ? 'a LISTEN that keeps listening'
  : 'a LISTEN that keeps listening — skipped: needs TEST_DATABASE=server (the embedded Postgres does not deliver NOTIFY between connections)';

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!onServer)(title, () => {
  let sql: Sql;
  beforeAll(() => {
    sql = testSql();
  });
  afterAll(() => sql?.end());

  function given(url: string) {
    const channel = `${uniqueSchema('chat')}_live`;
    const received: string[] = [];
    let gaps = 0;
    const started = listenToChannel({
      url,
      channel,
      applicationName: 'channel-listener-test',
      log: pino({ level: 'silent' }),
      notify: (payload) => sql.notify(channel, payload),
      onNotify: (payload) => void received.push(payload),
      onGap: () => void gaps++,
      probeIntervalMs: 200,
    });
    return { channel, received, gaps: () => gaps, started };
  }

  it('listens again when its connection is closed, and reports the gap', async () => {
    const { channel, received, gaps, started } = given(inject('databaseUrl'));
    const listener = await started;
    await sql.notify(channel, 'before');
    await until(() => received.includes('before'));

    const terminated = await sql`select pg_terminate_backend(pid) as done from pg_stat_activity where query = ${`listen "${channel}"`}`;
    expect(terminated).toEqual([{ done: true }]);
    await until(() => gaps() > 0);
    await sql.notify(channel, 'after');
    await until(() => received.includes('after'));
    expect(received.filter((payload) => payload === 'before')).toHaveLength(1);
    await listener.stop();
  });

  it('replaces a connection that went silent (half-open), and reports the gap', async () => {
    const url = new URL(inject('databaseUrl'));
    const proxy = await startFreezableProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    const { channel, received, gaps, started } = given(url.toString());
    const listener = await started;
    await sql.notify(channel, 'before');
    await until(() => received.includes('before'));

    proxy.freeze();
    await sql.notify(channel, 'lost');
    await until(() => gaps() > 0);
    await sql.notify(channel, 'after');
    await until(() => received.includes('after'));
    expect(received).not.toContain('lost');
    expect(received.some((payload) => payload.startsWith('probe'))).toBe(false);
    await listener.stop();
    await proxy.close();
  });
});
