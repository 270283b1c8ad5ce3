import type { Sql } from '#shared/db/connect';
import type { Logger } from '#shared/log/logger';
import type { ChatConfig } from '../chat-config';
import { inProcessFanout, type LiveFanout } from './live-fanout';
import { postgresFanout } from './postgres-fanout';
import type { UserHub } from './user-hub';

export type LiveFanoutSetting = ChatConfig['LIVE_FANOUT'];
export type LiveFanoutMode = Exclude<LiveFanoutSetting, 'auto'>;

/**
 * True on the embedded Postgres (PGlite behind a loopback socket): it runs one session inside and does
 * not deliver a NOTIFY to a LISTEN on another connection, and it serves one process anyway.
 */
export async function isEmbeddedPostgres(sql: Sql): Promise<boolean> {
  const [row] = await sql`select version() as version`;
  return String(row?.version).includes('PGlite');
}

/**
 * The live fan-out for `setting`: `auto` is in-process on the embedded database and LISTEN/NOTIFY on a
 * server. Decided on first use (the check needs the database), so `publish` before `start` waits for it.
 */
export function chooseLiveFanout(options: {
  setting: LiveFanoutSetting;
  /** The server's URL (DATABASE_URL); none means the embedded database. */
  databaseUrl: string | undefined;
  sql: Sql;
  schema: string;
  hub: UserHub;
  log: Logger;
  /** Aborted when the process stops (see PostgresFanoutOptions). */
  stopping?: AbortSignal;
}): LiveFanout & { mode(): Promise<LiveFanoutMode> } {
  const { setting, databaseUrl } = options;
  let chosen: Promise<{ mode: LiveFanoutMode; fanout: LiveFanout }> | null = null;
  const choose = () =>
    (chosen ??= (async () => {
      const mode: LiveFanoutMode = setting !== 'auto' ? setting : !databaseUrl || (await isEmbeddedPostgres(options.sql)) ? 'in-process' : 'postgres';
      if (mode === 'in-process') return { mode, fanout: inProcessFanout(options.hub) };
      if (!databaseUrl) throw new Error('LIVE_FANOUT=postgres needs DATABASE_URL: a Postgres server shared by the chat instances');
      return { mode, fanout: postgresFanout({ ...options, listenUrl: databaseUrl }) };
    })().catch((error: unknown) => {
      chosen = null;
      throw error;
    }));
  return {
    mode: async () => (await choose()).mode,
    publish: async (delivery) => (await choose()).fanout.publish(delivery),
    start: async () => (await choose()).fanout.start(),
    stop: async () => {
      await (await chosen?.catch(() => null))?.fanout.stop();
    },
  };
}
