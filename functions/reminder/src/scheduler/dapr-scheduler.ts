import type { DaprSidecar } from '#shared/dapr/dapr-sidecar';
import type { Logger } from '#shared/log/logger';
import type { ScheduledReminder } from '../reminder';
import { jobName } from './job-name';
import type { ReminderScheduler } from './reminder-scheduler';

/**
 * Retry the callback every 10 s for an hour when the app answers neither 2xx nor 404 (e.g. the
 * database is down); a job Dapr then gives up on is re-created by the start-up re-sync.
 */
export const JOB_FAILURE_POLICY = { constant: { interval: '10s', maxRetries: 360 } } as const;

const TIMEOUT_MS = 5_000;
const IMMEDIATE_ATTEMPTS = 3;
const RESYNC_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
/** A cancellation Dapr keeps refusing is given up after this many background tries (a trigger of a cancelled reminder does nothing). */
const MAX_DELETE_TRIES = 10;
const SYNC_CONCURRENCY = 8;

export interface DaprSchedulerOptions {
  sidecar: DaprSidecar;
  log: Logger;
  /** Every reminder still scheduled, for the re-sync at start. */
  scheduledReminders: () => Promise<ScheduledReminder[]>;
  fetch?: typeof fetch;
}

export type DaprScheduler = ReminderScheduler & {
  /** Job changes Dapr has not accepted yet (retried in the background). */
  unsynced(): number;
};

interface Pending {
  run: () => Promise<void>;
  tries: number;
  deletion: boolean;
}

/**
 * One Dapr job per reminder, through the Jobs HTTP API (`/v1.0-alpha1/jobs/<name>`; alpha in Dapr
 * 1.14–1.17 and still served by 1.18). A reminder is `POST`ed with its time in `dueTime` (RFC 3339
 * in UTC, so the Scheduler's own time zone never matters), `data: {reminderId}`, `overwrite: true`
 * (1.16+ answers 409 without it when the job exists, so a move or a re-sync must say it) and a failure
 * policy; no `name` in the body (Dapr refuses it). A cancelled reminder's job is `DELETE`d; a missing
 * one is fine. Dapr then calls `POST /job/<name>` with the raw `data` (see job-routes.ts).
 * Jobs only reach a running sidecar: the function stays at min-scale 1 (see README).
 */
export function createDaprScheduler(options: DaprSchedulerOptions): DaprScheduler {
  const { log } = options;
  const doFetch = options.fetch ?? fetch;
  const pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  let retryRound = 0;
  let stopped = false;

  const jobUrl = (reminderId: string) => `${options.sidecar.url}/v1.0-alpha1/jobs/${jobName(reminderId)}`;
  const headers = () => options.sidecar.headers({ 'content-type': 'application/json' });

  async function call(method: 'POST' | 'DELETE', reminderId: string, body?: unknown): Promise<Response> {
    return doFetch(jobUrl(reminderId), { method, headers: headers(), body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  }

  async function putJob(reminder: ScheduledReminder): Promise<void> {
    const response = await call('POST', reminder.id, {
      dueTime: new Date(reminder.remindAt).toISOString(),
      data: { reminderId: reminder.id },
      overwrite: true,
      failurePolicy: JOB_FAILURE_POLICY,
    });
    if (!response.ok) throw new Error(`Dapr refused the job for reminder ${reminder.id}: ${response.status} ${await response.text()}`);
  }

  async function deleteJob(reminderId: string): Promise<void> {
    const response = await call('DELETE', reminderId);
    if (!response.ok && response.status !== 404) throw new Error(`Dapr refused to delete the job of reminder ${reminderId}: ${response.status} ${await response.text()}`);
  }

  /** The latest wish for a reminder's job wins; what fails now is retried in the background. */
  async function sync(reminderId: string, entry: Pending, attempts = IMMEDIATE_ATTEMPTS): Promise<void> {
    pending.set(reminderId, entry);
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      if (pending.get(reminderId) !== entry) return;
      try {
        await entry.run();
        if (pending.get(reminderId) === entry) pending.delete(reminderId);
        return;
      } catch (error) {
        if (attempt === attempts) log.warn({ err: error, reminderId }, 'Dapr did not accept the job change; retrying in the background');
        else await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    armRetry();
  }

  function armRetry(): void {
    if (stopped || timer || pending.size === 0) return;
    const delay = RESYNC_DELAYS_MS[Math.min(retryRound++, RESYNC_DELAYS_MS.length - 1)]!;
    timer = setTimeout(() => void retryPending(), delay);
    timer.unref();
  }

  async function retryPending(): Promise<void> {
    timer = undefined;
    let failed = false;
    for (const [reminderId, entry] of [...pending]) {
      if (stopped) return;
      try {
        await entry.run();
        if (pending.get(reminderId) === entry) pending.delete(reminderId);
      } catch (error) {
        failed = true;
        entry.tries++;
        if (entry.deletion && entry.tries >= MAX_DELETE_TRIES && pending.get(reminderId) === entry) {
          pending.delete(reminderId);
          log.error({ err: error, reminderId }, 'gave up deleting the job of a cancelled reminder; its trigger will be ignored');
        }
      }
    }
    if (!failed) retryRound = 0;
    armRetry();
  }

  const scheduler: DaprScheduler = {
    schedule: (reminder) => sync(reminder.id, { run: () => putJob(reminder), tries: 0, deletion: false }),
    cancel: (reminderId) => sync(reminderId, { run: () => deleteJob(reminderId), tries: 0, deletion: true }),
    async start() {
      stopped = false;
      const reminders = await options.scheduledReminders();
      for (let index = 0; index < reminders.length; index += SYNC_CONCURRENCY) {
        const batch = reminders.slice(index, index + SYNC_CONCURRENCY);
        // One try each: while the sidecar is still starting, the background retry takes over.
        await Promise.all(batch.map((reminder) => sync(reminder.id, { run: () => putJob(reminder), tries: 0, deletion: false }, 1)));
      }
      log.info({ jobs: reminders.length, unsynced: pending.size }, 'reminder jobs re-synced with Dapr');
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
    unsynced: () => pending.size,
  };
  return scheduler;
}
