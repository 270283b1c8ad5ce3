import type { MiddlewareHandler } from 'hono';
import { deadlineWaits } from './deadline-waits';

/** Runs a piece of background work when it may (see {@link backgroundGate}); the default runs it at once. */
export type RunInBackground = <T>(work: () => Promise<T>) => Promise<T>;

export const runAtOnce: RunInBackground = (work) => work();

export interface BackgroundGate {
  /** Counts the requests being handled; a streamed body (the live stream) stops counting once its headers are out. */
  middleware: MiddlewareHandler;
  /** Runs background work one piece at a time while no request is being handled; a piece that has waited `maxWaitMs` at once. */
  run: RunInBackground;
}

const nothing = () => undefined;

/**
 * Lets people go first where the database has a single session (the embedded Postgres): a chat turn
 * otherwise queues behind the audit appends and reminder bookkeeping its previous turn set off. Work
 * waits while requests are handled and runs one piece at a time in the quiet; a piece that has waited
 * `maxWaitMs` runs at once, beside the others, so a constant stream of requests delays the work but
 * can neither starve it nor let it pile up.
 */
export function backgroundGate(options: { maxWaitMs: number }): BackgroundGate {
  let handling = 0;
  const waits = deadlineWaits();
  let tail: Promise<unknown> = Promise.resolve();

  const quiet = (deadline: number): Promise<void> => (handling === 0 ? Promise.resolve() : waits.until(deadline));

  return {
    middleware: async (_c, next) => {
      handling++;
      try {
        await next();
      } finally {
        if (--handling === 0) waits.wakeAll();
      }
    },
    run(work) {
      const deadline = Date.now() + options.maxWaitMs;
      let timer: NodeJS.Timeout | undefined;
      const overdue = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.maxWaitMs);
        timer.unref();
      });
      // In line behind the piece before (until it ends or is overdue itself), then when nothing is handled.
      const started = Promise.race([tail.then(() => quiet(deadline)), overdue]);
      const result = started.then(work).finally(() => clearTimeout(timer));
      tail = Promise.race([result.then(nothing, nothing), overdue]);
      return result;
    },
  };
}
