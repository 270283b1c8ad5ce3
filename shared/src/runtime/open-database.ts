import { join } from 'node:path';
import { POOL_SIZE, connect, isDatabaseReady, type Sql } from '../db/connect';
import type { Logger } from '../log/logger';
import { tracedSql } from '../db/traced-sql';
import { isTracing } from '../trace/spans';

export interface Database {
  sql: Sql;
  embedded: boolean;
  ready: () => Promise<boolean>;
  /** Ends the pool; queries still running after `timeoutSeconds` (default 5) are cut off. */
  close: (options?: { timeoutSeconds?: number }) => Promise<void>;
}

/** Connects to `DATABASE_URL`, or without one starts the embedded Postgres kept in `<dataDir>/pg`. */
export async function openDatabase(options: { url?: string; dataDir: string; applicationName: string; log: Logger }): Promise<Database> {
  // Imported lazily: function bundles leave PGlite out and always run with DATABASE_URL.
  const embedded = options.url ? null : await (await import('../db/embedded')).startEmbeddedPostgres({ dataDir: join(options.dataDir, 'pg') });
  if (embedded) options.log.info({ dataDir: join(options.dataDir, 'pg') }, 'using the embedded Postgres (set DATABASE_URL for a server)');
  const url = options.url ?? embedded!.url;
  const client = connect(url, {
    max: embedded ? 8 : POOL_SIZE,
    applicationName: options.applicationName,
    ...(embedded ? { socket: embedded.connectInProcess } : {}),
  });
  const sql = isTracing() ? tracedSql(client, { database: new URL(url).pathname.slice(1) }) : client;
  return {
    sql,
    embedded: !!embedded,
    ready: () => isDatabaseReady(sql),
    close: async ({ timeoutSeconds = 5 } = {}) => {
      await sql.end({ timeout: timeoutSeconds });
      await embedded?.stop();
    },
  };
}
