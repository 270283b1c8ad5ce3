import type { Agent, ClientRequest } from 'node:http';
import { openLiveStream, type SseFrame } from '../live-stream-client';

/** The page's EventSource waits this long before it reconnects (the stream's `retry:`). */
const RECONNECT_MS = 3_000;
const READY_TIMEOUT_MS = 30_000;

export interface LivePagesOptions {
  url: string;
  /** For `POST /stream/tickets` (the stream itself has a connection of its own, as a browser page's EventSource). */
  agent: Agent;
  tokenOf: (user: number) => string;
}

export interface LivePagesCounts {
  /** Streams open now. */
  open: number;
  /** Streams the server ended (each page then reconnects, as EventSource does). */
  endedByServer: number;
  reconnected: number;
  /** Opening (or reopening) failed. */
  failed: number;
  errors: string[];
}

interface Page {
  request?: ClientRequest;
  open: boolean;
}

/**
 * Every user's chat page with its live stream open (`POST /stream/tickets`, then `GET /stream?ticket=`),
 * reconnecting after the server ends it as EventSource does; notes when each task's `created` event
 * reaches its page, so a create can be timed to the moment its page shows it.
 */
export function livePages(options: LivePagesOptions) {
  const pages = new Map<number, Page>();
  /** Task id → performance.now() when its `created` event arrived (until a create claims it). */
  const createdSeen = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  const counts = { endedByServer: 0, reconnected: 0, failed: 0, errors: [] as string[] };
  let closing = false;

  const noteError = (user: number, error: unknown) => {
    counts.failed++;
    if (counts.errors.length < 5) counts.errors.push(`user ${user}: ${(error as Error).message}`);
  };

  function onCreated(taskId: string, at: number) {
    const wake = waiting.get(taskId);
    if (wake) {
      waiting.delete(taskId);
      wake(at);
    } else createdSeen.set(taskId, at);
  }

  function onFrame(frame: SseFrame, receivedAt: number) {
    if (frame.event === 'task' && frame.data?.includes('"change":"created"')) onCreated((JSON.parse(frame.data) as { task: { id: string } }).task.id, receivedAt);
  }

  async function open(user: number): Promise<void> {
    const page: Page = { open: false };
    pages.set(user, page);
    const opened = await openLiveStream({ url: options.url, token: options.tokenOf(user), agent: options.agent, timeoutMs: READY_TIMEOUT_MS, onFrame });
    page.request = opened.request;
    page.open = true;
    if (closing) opened.request.destroy();
    opened.response.on('close', () => {
      page.open = false;
      if (closing) return;
      counts.endedByServer++;
      setTimeout(() => reopen(user), RECONNECT_MS).unref();
    });
  }

  function reopen(user: number) {
    if (closing) return;
    open(user).then(
      () => counts.reconnected++,
      (error: unknown) => noteError(user, error),
    );
  }

  const openCount = () => [...pages.values()].reduce((sum, page) => sum + (page.open ? 1 : 0), 0);

  return {
    /** Opens the pages of users 0 … users-1, `concurrency` at a time. */
    async openAll(users: number, concurrency: number, onProgress: (open: number, elapsedMs: number) => void): Promise<{ open: number; failed: number; errors: string[]; elapsedMs: number }> {
      const started = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < users) {
          const user = next++;
          await open(user).catch((error: unknown) => noteError(user, error));
          if ((user + 1) % 1_000 === 0) onProgress(openCount(), performance.now() - started);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { open: openCount(), failed: counts.failed, errors: [...counts.errors], elapsedMs: performance.now() - started };
    },
    /** performance.now() when the task's `created` event reached its page; null when not within `timeoutMs` from now. */
    createdEventAt(taskId: string, timeoutMs: number): Promise<number | null> {
      const seen = createdSeen.get(taskId);
      if (seen !== undefined) {
        createdSeen.delete(taskId);
        return Promise.resolve(seen);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(taskId);
          resolve(null);
        }, timeoutMs);
        waiting.set(taskId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    /** Forgets the events nobody waited for (tasks the chat created). */
    forgetUnclaimed: () => createdSeen.clear(),
    counts: (): LivePagesCounts => ({ open: openCount(), ...counts, errors: [...counts.errors] }),
    closeAll() {
      closing = true;
      for (const page of pages.values()) {
        page.open = false;
        page.request?.destroy();
      }
    },
  };
}

export type LivePages = ReturnType<typeof livePages>;
