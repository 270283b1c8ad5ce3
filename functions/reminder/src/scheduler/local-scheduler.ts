import type { Logger } from '#shared/log/logger';
import type { ReminderScheduler } from './reminder-scheduler';

/** setTimeout overflows past 2^31-1 ms (24.8 days); the timer is re-armed at most this far ahead. */
export const MAX_TIMER_MS = 60 * 60_000;
/** When due reminders are held by another transaction, look again after this. */
const BUSY_DELAY_MS = 250;
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface LocalSchedulerOptions {
  /** "Now" for the delay to the next reminder (the same clock decides what is due). */
  clock: () => Date;
  log: Logger;
  /** The earliest scheduled reminder's time, or null when none is scheduled. */
  nextDueAt: () => Promise<Date | null>;
  /** Claims and fires every reminder due now; resolves with how many fired. */
  fireDue: () => Promise<number>;
}

export type LocalScheduler = ReminderScheduler & {
  /** Resolves when no cycle is running. */
  idle(): Promise<void>;
  /** When the timer is armed for (null: nothing scheduled, or stopped). */
  armedFor(): Date | null;
};

/**
 * The durable scheduler of the project's own: reminders are rows, and ONE timer is armed for the
 * earliest scheduled one — no polling loop, no cron. Each cycle fires what is due (claimed with
 * `skip locked`, so copies sharing the schema never fire a reminder twice), then re-arms from the
 * database. A cycle runs at start (so reminders that fell due while nothing ran fire at once, marked
 * late) and whenever a reminder is scheduled, moved or cancelled. The timer is real (setTimeout,
 * capped at {@link MAX_TIMER_MS}); what counts as due follows the injected clock, so tests schedule
 * reminders a few hundred milliseconds ahead of the real time.
 */
export function createLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const { clock, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let armedFor: Date | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let started = false;
  let failures = 0;

  function arm(delayMs: number, at: Date | null): void {
    clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(wake, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
    timer.unref();
  }

  async function cycle(): Promise<void> {
    do {
      again = false;
      try {
        const fired = await options.fireDue();
        const next = await options.nextDueAt();
        failures = 0;
        if (!started) return;
        if (!next) {
          clearTimeout(timer);
          armedFor = null;
          continue;
        }
        const delay = next.getTime() - clock().getTime();
        arm(delay <= 0 && fired === 0 ? BUSY_DELAY_MS : delay, next);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)]!;
        log.warn({ err: error, retryInMs: delay }, 'firing reminders failed; will retry');
        if (started) arm(delay, null);
        return;
      }
    } while (again && started);
  }

  function wake(): void {
    if (!started) return;
    if (running) {
      again = true;
      return;
    }
    running = cycle().finally(() => {
      running = null;
      if (again && started) wake();
    });
  }

  const scheduler: LocalScheduler = {
    async schedule() {
      wake();
    },
    async cancel() {
      wake();
    },
    async start() {
      started = true;
      wake();
      await scheduler.idle();
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      armedFor = null;
      await scheduler.idle();
    },
    async idle() {
      while (running) await running;
    },
    armedFor: () => armedFor,
  };
  return scheduler;
}
