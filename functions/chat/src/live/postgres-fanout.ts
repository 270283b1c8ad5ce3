import type { Sql } from '#shared/db/connect';
import type { Logger } from '#shared/log/logger';
import { type ChannelListener, listenToChannel } from './channel-listener';
import type { LiveFanout } from './live-fanout';
import { liveChannel, pruneLiveEvents, readLiveEvents, recordLiveEvent } from './live-events-store';
import type { UserHub } from './user-hub';

export interface PostgresFanoutOptions {
  sql: Sql;
  /** The server `sql` is connected to, for the LISTEN connection. */
  listenUrl: string;
  schema: string;
  hub: UserHub;
  log: Logger;
  /** How long a live event is kept: the window in which a redelivery is recognised (default 600 s). */
  retentionSeconds?: number;
  /** How often the LISTEN connection is checked with a NOTIFY that must come back (default 5 s). */
  probeIntervalMs?: number;
  /** How often old live events are deleted (default 30 s). */
  pruneIntervalMs?: number;
  /** Notifications waiting to be read beyond this end this instance's streams instead (default 5,000). */
  maxPending?: number;
  /** Aborted when the process stops: a LISTEN still being set up is abandoned. */
  stopping?: AbortSignal;
}

const READ_BATCH = 200;
const POSITION = /^\d{1,19}$/;

interface Pending {
  position: string;
  userId: string;
}

/**
 * Live fan-out between chat instances that share one Postgres server. The instance that receives an
 * event stores it (`live_events`) and notifies `<schema>_live` with its position and user; every
 * instance listens, skips users with no open stream here, and reads the rest in notification order
 * (one reader per instance, so each user's messages keep their order). A stored event is not notified
 * again, so a redelivery, to whichever instance, is shown once. When the LISTEN connection was lost,
 * or reads fail or fall too far behind, the streams concerned end: the pages reconnect and reload.
 */
export function postgresFanout(options: PostgresFanoutOptions): LiveFanout {
  const { sql, schema, hub, log } = options;
  const channel = liveChannel(schema);
  const maxPending = options.maxPending ?? 5_000;
  let pending: Pending[] = [];
  let reading: Promise<void> | null = null;
  let listener: ChannelListener | null = null;
  let pruneTimer: NodeJS.Timeout | undefined;

  function onNotify(payload: string) {
    const space = payload.indexOf(' ');
    const position = payload.slice(0, space);
    const userId = payload.slice(space + 1);
    if (!POSITION.test(position) || !hub.has(userId)) return;
    if (pending.length >= maxPending) {
      pending = [];
      log.warn({ channel, maxPending, endedStreams: hub.endAll() }, 'live events arrive faster than they can be read; open pages reload');
      return;
    }
    pending.push({ position, userId });
    reading ??= readPending();
  }

  async function readPending() {
    while (pending.length > 0) await deliver(pending.splice(0, READ_BATCH));
    reading = null;
  }

  async function deliver(batch: Pending[]) {
    try {
      const rows = new Map((await readLiveEvents(sql, schema, batch.map((item) => item.position))).map((row) => [row.position, row]));
      for (const { position, userId } of batch) {
        const row = rows.get(position);
        // Gone already (read later than the retention): the page reloads instead.
        if (row) hub.publish(userId, row.message);
        else hub.end(userId);
      }
    } catch (error) {
      log.warn({ channel, error: (error as Error).message }, "could not read live events; the users' pages reload");
      for (const userId of new Set(batch.map((item) => item.userId))) hub.end(userId);
    }
  }

  async function prune() {
    try {
      const deleted = await pruneLiveEvents(sql, schema, options.retentionSeconds ?? 600);
      if (deleted > 0) log.debug({ deleted }, 'old live events deleted');
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'could not delete old live events');
    }
  }

  return {
    async publish({ source, userId, message }) {
      await recordLiveEvent(sql, schema, { source, id: message.id, userId, message });
    },
    async start() {
      listener = await listenToChannel({
        url: options.listenUrl,
        channel,
        applicationName: `${schema}-live`,
        log,
        notify: (payload) => sql.notify(channel, payload),
        onNotify,
        onGap: () => log.info({ channel, endedStreams: hub.endAll() }, 'live events may have been missed; open pages reload'),
        ...(options.probeIntervalMs ? { probeIntervalMs: options.probeIntervalMs } : {}),
        ...(options.stopping ? { signal: options.stopping } : {}),
      });
      pruneTimer = setInterval(() => void prune(), options.pruneIntervalMs ?? 30_000).unref();
      log.info({ channel }, 'live updates fan out between chat instances over LISTEN/NOTIFY');
    },
    async stop() {
      clearInterval(pruneTimer);
      await listener?.stop();
      await reading;
    },
  };
}
