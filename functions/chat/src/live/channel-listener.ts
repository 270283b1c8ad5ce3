import { randomUUID } from 'node:crypto';
import { connect, type Sql } from '#shared/db/connect';
import type { Logger } from '#shared/log/logger';

export interface ChannelListenerOptions {
  /** The server to LISTEN on, over a connection of the listener's own (a session, not a transaction pooler). */
  url: string;
  channel: string;
  applicationName: string;
  log: Logger;
  /** Sends a NOTIFY on the channel over another connection: the probe that must come back. */
  notify: (payload: string) => Promise<unknown>;
  onNotify: (payload: string) => void;
  /** The listener was lost and listens again: notifications in between are gone. */
  onGap: () => void;
  probeIntervalMs?: number;
  /** Aborting it ends a LISTEN still being set up (the process is stopping). */
  signal?: AbortSignal;
}

export interface ChannelListener {
  stop(): Promise<void>;
}

const PROBE = 'probe ';

function within<T>(promise: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    onAbort = () => reject(new Error(`${what} was abandoned: stopping`));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, late]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort!);
  });
}

/**
 * LISTENs on a channel and keeps listening. A closed connection is reopened by the client, which
 * LISTENs again; a connection that goes silent (a half-open socket, a pooler that drops LISTEN) is
 * noticed because this listener's own probe NOTIFY does not come back within an interval, and is
 * replaced. After either, `onGap` says that notifications may have been missed.
 */
export async function listenToChannel(options: ChannelListenerOptions): Promise<ChannelListener> {
  const { channel, log } = options;
  const probeIntervalMs = options.probeIntervalMs ?? 5_000;
  const instance = randomUUID();
  let client: Sql | null = null;
  let generation = 0;
  let probe: { token: string; answered: boolean } | null = null;
  let probes = 0;
  let checking: Promise<void> | null = null;
  let stopped = false;

  function onPayload(payload: string) {
    if (!payload.startsWith(PROBE)) return options.onNotify(payload);
    if (probe?.token === payload.slice(PROBE.length)) probe.answered = true;
  }

  async function open() {
    const current = ++generation;
    const next = connect(options.url, { max: 1, applicationName: options.applicationName });
    let first = true;
    const onListen = () => {
      if (current !== generation) return;
      if (first) {
        first = false;
        return;
      }
      probe = null;
      log.info({ channel }, 'live channel reconnected');
      options.onGap();
    };
    try {
      await within(next.listen(channel, (payload) => current === generation && onPayload(payload), onListen), 15_000, 'LISTEN', options.signal);
    } catch (error) {
      void next.end({ timeout: 0 });
      throw error;
    }
    client = next;
  }

  async function check() {
    if (options.signal?.aborted) return;
    try {
      if (probe && !probe.answered) {
        log.warn({ channel }, 'live channel stopped answering; listening on a new connection');
        void client?.end({ timeout: 0 });
        client = null;
        await open();
        if (stopped) return;
        log.info({ channel }, 'live channel listening again');
        options.onGap();
      }
      probe = { token: `${instance}-${++probes}`, answered: false };
      await within(options.notify(`${PROBE}${probe.token}`), probeIntervalMs, 'the probe NOTIFY');
    } catch (error) {
      log.warn({ channel, error: (error as Error).message }, 'live channel check failed; trying again');
    }
  }

  await open();
  const timer = setInterval(() => {
    if (!stopped) checking ??= check().finally(() => (checking = null));
  }, probeIntervalMs).unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking;
      generation++;
      await client?.end({ timeout: 1 });
    },
  };
}
