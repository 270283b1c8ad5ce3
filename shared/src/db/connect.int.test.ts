import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, inject, it } from 'vitest';
import { connect } from './connect';

/**
 * A proxy to the test database that resets a connection (ECONNRESET) as soon as the driver sends its
 * array-types catalog query, the first statement on every new connection: what a database lost while
 * a pool opens connections does.
 */
async function resetOnTypeQuery(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
    }
    client.on('data', (chunk) => {
      if (chunk.includes('typarray')) {
        client.resetAndDestroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off('unhandledRejection', record);
});

it('a connection lost during its start-up fails the query, never the process (no unhandled rejection)', async () => {
  process.on('unhandledRejection', record);
  const proxy = await resetOnTypeQuery(new URL(inject('databaseUrl')));
  const sql = connect(proxy.url, { max: 1 });
  try {
    await expect(sql`select 1`).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|CONNECTION_CLOSED|CONNECTION_ENDED/) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
  } finally {
    await sql.end({ timeout: 1 });
    await proxy.close();
  }
});
