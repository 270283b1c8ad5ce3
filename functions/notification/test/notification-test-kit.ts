import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import { TOPICS } from '#shared/events/topics';
import { TRACEPARENT } from '#shared/testing/event-fixtures';
import { startFunctionKit } from '#shared/testing/function-kit';
import { emailSender } from '../src/channels/email-sender';
import type { ReceivedMail } from './channels/smtp-receiver';
import { newWebhookSecret } from '../src/channels/webhook-signer';
import { webhookSender } from '../src/channels/webhook-sender';
import type { DeliveryPolicyOptions } from '../src/dispatcher/delivery-policy';
import type { NotificationDeps } from '../src/notification-deps';
import { createNotificationFunction } from '../src/notification-function';
import { notificationMigrations } from '../src/notification-migrations';
import { nextDueAt } from '../src/notification-store';

export const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Fast retries for tests: 4 tries, 20 ms doubling, a breaker that opens only after 10 failures. */
export const TEST_DELIVERY: DeliveryPolicyOptions = { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200, breakerThreshold: 10, halfOpenAfterMs: 1_000, perReceiver: 4, perUser: 6, concurrency: 16 };

/**
 * The notification function's test kit: a recording subscriber on `notification-events`, and real
 * webhook (loopback allowed, as in development) and — with `smtpUrl` — email senders.
 */
export async function startNotificationKit(options: { smtpUrl?: string; delivery?: Partial<DeliveryPolicyOptions> } = {}) {
  const email = options.smtpUrl ? emailSender({ smtpUrl: options.smtpUrl, from: 'Todo <todo@example.test>', timeoutMs: 2_000 }) : undefined;
  const { sql, schema, app, clock, deps, relay, parts, published, tokenFor, call, deliver, stop, metricLines } = await startFunctionKit({
    name: 'notification',
    migrations: notificationMigrations,
    outbox: { topics: [TOPICS.notificationEvents], types: ['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1', 'dev.todo.notification.failed.v1'] },
    deps: (runtime): NotificationDeps => ({
      ...runtime,
      senders: { webhook: webhookSender({ timeoutMs: 2_000, allowPrivateTargets: true }), ...(email ? { email } : {}) },
      mailer: email,
      delivery: { ...TEST_DELIVERY, ...options.delivery },
      allowPrivateTargets: true,
      newSecret: newWebhookSecret,
    }),
    create: createNotificationFunction,
    onStop: () => email?.close(),
  });

  const kit = {
    sql,
    schema,
    app,
    clock,
    deps,
    relay,
    parts,
    /** Waits until the dispatcher has nothing due or in flight and every event is published. */
    async settle() {
      await parts.dispatcher.idle();
      await relay.idle();
    },
    /**
     * Lets time pass for retries: settles, then moves the hand-moved clock to the next try due within
     * `withinMs` and wakes the dispatcher, until no try is due that soon.
     */
    async settleRetries(withinMs = 60_000, dispatcher = parts.dispatcher) {
      for (let round = 0; round < 100; round++) {
        await dispatcher.idle();
        await relay.idle();
        const next = await nextDueAt(sql, schema);
        if (!next || next.getTime() - clock.now().getTime() > withinMs) return;
        if (next > clock.now()) clock.set(next.toISOString());
        dispatcher.wake();
      }
      throw new Error('retries did not settle within 100 rounds');
    },
    /** Events the bus delivered to `notification-events` subscribers, after `settle()`. */
    async published() {
      await kit.settle();
      return published();
    },
    tokenFor,
    call,
    deliver,
    metricLines,
    stop: () => stop(),
  };
  return kit;
}
export type NotificationKit = Awaited<ReturnType<typeof startNotificationKit>>;

/** A ReminderDelivered event as the reminder function publishes it. */
export function aReminderDelivered(userid: string, data: Partial<{ reminderId: string; taskId: string; title: string; remindAt: string; dueAt: string | null; late: boolean }> = {}, overrides: Record<string, unknown> = {}) {
  const taskId = data.taskId ?? TASK_ID;
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: randomUUID(),
    source: '/functions/reminder',
    type: 'dev.todo.reminder.delivered.v1',
    subject: taskId,
    time: '2026-05-01T08:00:00.000Z',
    datacontenttype: 'application/json',
    partitionkey: taskId,
    traceparent: TRACEPARENT,
    userid,
    data: {
      reminderId: data.reminderId ?? randomUUID(),
      taskId,
      title: data.title ?? 'Water the plants',
      remindAt: data.remindAt ?? '2026-05-01T08:00:00.000Z',
      dueAt: data.dueAt === undefined ? '2026-05-01T08:15:00.000Z' : data.dueAt,
      deliveredAt: '2026-05-01T08:00:00.000Z',
      late: data.late ?? false,
    },
    ...overrides,
  });
}

/** The verification code in the last mail `address` received. */
export function codeMailedTo(mails: readonly ReceivedMail[], address: string): string {
  const mail = mails.findLast((received) => received.to.some((to) => to.toLowerCase() === `<${address.toLowerCase()}>`));
  const code = /code: (\d{6})/.exec(mail?.data ?? '')?.[1];
  if (!code) throw new Error(`no verification code was mailed to ${address}`);
  return code;
}
