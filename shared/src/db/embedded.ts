import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { InProcessConnection } from './in-process-connection';
import { PgliteSessionQueue } from './pglite-session-queue';

export interface EmbeddedPostgres {
  /** A `postgres://` URL the ordinary client connects to (from other processes too). */
  url: string;
  /** A connection from this process without a socket, for the client's `socket` option. */
  connectInProcess: () => InProcessConnection;
  stop: () => Promise<void>;
}

/**
 * Runs PGlite in this process behind a loopback Postgres wire-protocol socket, so the same driver
 * and SQL run as against a real server. `dataDir` keeps data across restarts; omit it for memory.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Imported here, not at the top: the function bundles leave PGlite out, and a static import of it
  // would stop every container image (no node_modules there) at start, DATABASE_URL or not.
  const [{ PGlite }, socketModule] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  const db = await PGlite.create(options.dataDir);
  // Connections prepare their statements in this one session; each run is still planned for its
  // values, as an unprepared statement would be (a generic plan is made for no user in particular).
  await db.exec('set plan_cache_mode = force_custom_plan');
  // A new 16 MiB WAL segment is otherwise filled with zeros first, by the statement whose commit
  // crossed into it: 35 to 47 ms measured, in which the process (PGlite runs on its thread) answers nothing.
  // Without zeroing the file is only extended; fsync is already off in PGlite.
  await db.exec('set wal_init_zero = off');
  const queue = new PgliteSessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    const handler = new socketModule.PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true } as never);
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    void handler.attach(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const connections = new Set<InProcessConnection>();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    connectInProcess: () => {
      const connection = new InProcessConnection(queue);
      connections.add(connection);
      connection.once('close', () => connections.delete(connection));
      return connection;
    },
    stop: async () => {
      for (const connection of connections) connection.destroy();
      for (const handler of handlers) await handler.detach(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
