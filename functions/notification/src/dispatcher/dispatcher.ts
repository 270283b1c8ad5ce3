import type { Sql } from '#shared/db/connect';
import type { NotificationChannel } from '#shared/events/notification-events';
import type { Logger } from '#shared/log/logger';
import type { Metrics } from '#shared/metrics/metrics';
import { inSpan, SpanKind } from '#shared/trace/spans';
import { appendToOutbox } from '#shared/outbox/outbox';
import { type ChannelSender, PermanentFailure } from '../channels/channel';
import type { Notification } from '../notification';
import { contextOf, deliveredEvent, failedEvent } from '../notification-events';
import { claimDue, finishDelivery, nextDueAt, releaseDelivery, retryLater } from '../notification-store';
import { loadPreferences } from '../preferences-store';
import { type DeliveryPolicyOptions, retryDelayMs } from './delivery-policy';
import { inFlightLimits, type Lane, laneKey } from './in-flight-limits';
import { isOpenCircuit, receiverCircuits } from './receiver-circuits';

export interface DispatcherOptions {
  sql: Sql;
  schema: string;
  clock: () => Date;
  newId: () => string;
  log: Logger;
  /** Wakes the outbox relay after a commit that wrote events. */
  eventsCommitted: () => void;
  metrics: Metrics;
  senders: Partial<Record<NotificationChannel, ChannelSender>>;
  policy: DeliveryPolicyOptions;
  /** How long a claimed delivery is this dispatcher's; must outlast one try (default 2 minutes). */
  leaseMs?: number;
}

export interface Dispatcher {
  /** Sends whatever is due now (call after each commit that recorded deliveries). */
  wake(): void;
  /** Resolves when nothing due is left to claim and nothing is in flight. */
  idle(): Promise<void>;
  /** Re-drives what an earlier run left pending (and, after their lease, `sending`). */
  start(): void;
  /** Stops claiming, aborts deliveries in flight and hands them back as pending. */
  stop(): Promise<void>;
}

const MAX_TIMER_MS = 60 * 60_000;
const DB_RETRY_MS = 1_000;
/** A delivery whose user or receiver is at its limit of tries in flight is taken again after this. */
const BUSY_LANE_MS = 1_000;

/**
 * Sends webhook and email notifications after their rows committed: pending → sending → delivered or
 * failed, each outcome and its event committed together. A claim is one try: a try that fails and
 * may be retried goes back to `pending` with its backoff in `next_attempt_at`, so waiting never
 * holds a slot, and the schedule survives restarts. Users are kept apart: each user's receiver has
 * its own circuit breaker and at most `policy.perReceiver` tries in flight, and each user at most
 * `policy.perUser`. No polling: woken after commits, when a try finishes, and by one timer set to
 * the next due time (a retry, the end of quiet hours, an expired lease).
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { sql, schema, clock, log } = options;
  const { concurrency } = options.policy;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const circuits = receiverCircuits({ ...options.policy, clock });
  const limits = inFlightLimits(options.policy);
  const inflight = new Set<Promise<void>>();
  const abort = new AbortController();
  let draining: Promise<void> | null = null;
  let again = false;
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => dispatcher.wake(), Math.min(Math.max(delayMs, 0), MAX_TIMER_MS));
    timer.unref();
  }

  async function drainOnce(): Promise<number> {
    const free = concurrency - inflight.size;
    if (free <= 0) return 0;
    const now = clock();
    const claimed = await claimDue(sql, schema, { now, leaseUntil: new Date(now.getTime() + leaseMs), limit: free, skip: limits.saturated() });
    for (const notification of claimed) {
      const span = { kind: SpanKind.CLIENT, parent: notification.traceparent, attributes: { 'todo.notification.channel': notification.channel, 'todo.notification.attempt': notification.attempts + 1 } };
      const running: Promise<void> = inSpan(`deliver ${notification.channel}`, span, () => deliver(notification))
        .catch((error: unknown) => log.error({ err: error, notificationId: notification.id }, 'delivery bookkeeping failed; the lease will re-drive it'))
        .finally(() => {
          inflight.delete(running);
          dispatcher.wake();
        });
      inflight.add(running);
    }
    return claimed.length;
  }

  async function scheduleNext(): Promise<void> {
    if (inflight.size >= concurrency) return;
    const due = await nextDueAt(sql, schema);
    if (!due) return clearTimeout(timer);
    const wait = due.getTime() - clock().getTime();
    schedule(wait > 0 ? wait : DB_RETRY_MS);
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      try {
        while (!stopped && (await drainOnce()) > 0);
        if (!stopped) await scheduleNext();
      } catch (error) {
        log.warn({ err: error, retryInMs: DB_RETRY_MS }, 'notification dispatcher could not read its queue; will retry');
        schedule(DB_RETRY_MS);
        return;
      }
    } while (again && !stopped);
  }

  async function deliver(notification: Notification): Promise<void> {
    const sender = options.senders[notification.channel];
    if (!sender) return finish(notification, notification.attempts + 1, new PermanentFailure(`the ${notification.channel} channel is not configured on this server`));
    let preferences;
    try {
      preferences = await loadPreferences(sql, schema, notification.userId);
    } catch (error) {
      log.warn({ err: error, notificationId: notification.id }, 'could not load preferences; delivery postponed');
      return releaseDelivery(sql, schema, notification.id, new Date(clock().getTime() + DB_RETRY_MS));
    }
    const delivery = { notification, preferences };
    const lane: Lane = { userId: notification.userId, channel: notification.channel, receiver: sender.receiver({ ...delivery, now: clock() }) };
    if (!limits.tryAcquire(lane)) return releaseDelivery(sql, schema, notification.id, new Date(clock().getTime() + BUSY_LANE_MS));
    let failure: unknown = null;
    try {
      await circuits.execute(laneKey(lane), (signal) => sender.send({ ...delivery, now: clock() }, signal), abort.signal);
    } catch (error) {
      failure = error;
    } finally {
      limits.release(lane);
    }
    // Stopped in the middle of a try: it does not count, and the next start sends it at once.
    if (failure && abort.signal.aborted) return releaseDelivery(sql, schema, notification.id, clock());
    const tries = notification.attempts + 1;
    if (!failure || failure instanceof PermanentFailure || tries >= options.policy.maxAttempts) return finish(notification, tries, failure);
    const retryInMs = retryDelayMs(options.policy, tries);
    await retryLater(sql, schema, notification.id, { attempts: tries, error: reasonOf(failure), nextAttemptAt: new Date(clock().getTime() + retryInMs) });
    log.info({ notificationId: notification.id, channel: notification.channel, attempts: tries, retryInMs, reason: reasonOf(failure) }, 'notification try failed; will retry');
  }

  /** Records the outcome and its event in one transaction: delivered, or failed with the last reason. */
  async function finish(notification: Notification, tries: number, failure: unknown): Promise<void> {
    const now = clock();
    const context = contextOf(notification, now, options.newId);
    const reason = failure ? reasonOf(failure) : null;
    const committed = await sql.begin(async (tx) => {
      if (!(await finishDelivery(tx, schema, notification.id, { status: failure ? 'failed' : 'delivered', attempts: tries, at: now, error: reason }))) return false;
      await appendToOutbox(tx, schema, [failure ? failedEvent(notification, context, reason!, tries) : deliveredEvent(notification, context)]);
      return true;
    });
    if (!committed) return;
    options.eventsCommitted();
    options.metrics.notificationDelivery.observe(
      { channel: notification.channel, outcome: failure ? 'failed' : 'delivered' },
      Math.max(0, now.getTime() - new Date(notification.createdAt).getTime()) / 1_000,
    );
    const fields = { notificationId: notification.id, channel: notification.channel, attempts: tries, traceparent: notification.traceparent };
    if (failure) log.warn({ ...fields, reason }, 'notification failed');
    else log.info(fields, 'notification delivered');
  }

  const dispatcher: Dispatcher = {
    wake() {
      if (stopped || !started) return;
      if (draining) {
        again = true;
        return;
      }
      draining = drain().finally(() => {
        draining = null;
        if (again) dispatcher.wake();
      });
    },
    async idle() {
      while (draining || inflight.size > 0) {
        await draining;
        await Promise.all([...inflight]);
      }
    },
    start() {
      if (started) return;
      started = true;
      dispatcher.wake();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      await draining;
      await Promise.all([...inflight]);
    },
  };
  return dispatcher;
}

function reasonOf(error: unknown): string {
  if (isOpenCircuit(error)) return 'not tried: the receiver failed repeatedly and its circuit is open';
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return text.slice(0, 500);
}
