import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '#shared/events/catalog';
import { startLoopbackReceiver } from '../test/channels/loopback-receiver';
import { aReminderDelivered, type NotificationKit, startNotificationKit } from '../test/notification-test-kit';

let kit: NotificationKit;
beforeAll(async () => {
  kit = await startNotificationKit();
});
afterAll(() => kit.stop());

const receivers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

let users = 0;
const aUser = () => `hook-user-${++users}`;

async function receiver(statuses?: number[]) {
  const started = await startLoopbackReceiver(statuses);
  receivers.push(started);
  return started;
}

/** Alice with a webhook at `url`; returns the secret the server generated. */
async function withWebhook(userId: string, url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const put = await kit.call(userId, 'PUT', '/notifications/preferences', { channels: { webhook: { url } }, ...extra });
  expect(put.status).toBe(200);
  return put.body.channels.webhook.secret;
}

async function notificationsOf(userId: string) {
  return (await kit.call(userId, 'GET', `/notifications/${userId}`)).body.items as { id: string; channel: string; status: string }[];
}

const eventsOf = async (userId: string, channel: string) =>
  (await kit.published()).filter((e) => e.userid === userId && (e.data as { channel: string }).channel === channel);
const typesOf = (events: AnyEvent[]) => events.map((e) => e.type.replace('dev.todo.notification.', '').replace('.v1', ''));

describe('the webhook channel', () => {
  /** The value of the one /metrics sample starting with `prefix` (0 before it exists). */
  async function sampleOf(prefix: string): Promise<number> {
    const name = prefix.slice(0, prefix.indexOf('{'));
    const line = (await kit.metricLines(name)).find((sample) => sample.startsWith(prefix));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('posts the notification signed per Standard Webhooks, verified by recomputing the HMAC', async () => {
    const alice = aUser();
    const hook = await receiver();
    const secret = await withWebhook(alice, hook.url);
    expect(await kit.deliver(aReminderDelivered(alice, { title: 'Pay rent' }))).toEqual({ status: 202, body: null });
    await kit.settle();

    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    const id = request!.headers['webhook-id'] as string;
    const timestamp = request!.headers['webhook-timestamp'] as string;
    const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${request!.body}`).digest('base64');
    expect(request!.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(timestamp).toBe(String(Math.floor(kit.clock.now().getTime() / 1000)));
    expect(request!.headers['content-type']).toBe('application/json');

    const webhook = (await notificationsOf(alice)).find((n) => n.channel === 'webhook')!;
    expect(id).toBe(webhook.id);
    expect(webhook.status).toBe('delivered');
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'todo.notification', data: { notificationId: id, title: 'Pay rent', body: 'Due in 15 minutes (2026-05-01 08:15 UTC)' } });
    expect(typesOf(await eventsOf(alice, 'webhook'))).toEqual(['sent', 'delivered']);
    expect(typesOf(await eventsOf(alice, 'in-app'))).toEqual(['sent', 'delivered']);
  });

  it('retries a receiver answering 500 twice with backoff, then delivers (same webhook-id every time)', async () => {
    const alice = aUser();
    const hook = await receiver([500, 500, 200]);
    await withWebhook(alice, hook.url);
    const webhookDelivered = () => sampleOf('notification_delivery_duration_seconds_count{service="notification-test",channel="webhook",outcome="delivered"}');
    const inAppLateness = () => sampleOf('reminder_lateness_seconds_count{service="notification-test",stage="delivered"}');
    const [deliveredBefore, latenessBefore] = [await webhookDelivered(), await inAppLateness()];
    await kit.deliver(aReminderDelivered(alice));
    await kit.settle();
    expect(hook.received).toHaveLength(1);
    expect((await notificationsOf(alice)).find((n) => n.channel === 'webhook')!.status).toBe('pending');

    await kit.settleRetries();
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect((await notificationsOf(alice)).find((n) => n.channel === 'webhook')!.status).toBe('delivered');
    expect(typesOf(await eventsOf(alice, 'webhook'))).toEqual(['sent', 'delivered']);
    expect(await webhookDelivered()).toBe(deliveredBefore + 1);
    expect(await inAppLateness()).toBe(latenessBefore + 1);
  });

  it('fails after the last attempt while in-app is delivered and other events keep flowing', async () => {
    const alice = aUser();
    const bob = aUser();
    const hook = await receiver([500]);
    await withWebhook(alice, hook.url);
    await kit.deliver(aReminderDelivered(alice));

    // While alice's webhook is still being retried, bob's reminder goes straight through.
    const started = Date.now();
    expect((await kit.deliver(aReminderDelivered(bob, { title: 'for bob' }))).status).toBe(202);
    expect((await notificationsOf(bob)).map((n) => [n.channel, n.status])).toEqual([['in-app', 'delivered']]);
    expect(Date.now() - started).toBeLessThan(500);
    expect((await notificationsOf(alice)).find((n) => n.channel === 'in-app')!.status).toBe('delivered');

    await kit.settleRetries();
    expect(hook.received).toHaveLength(4);
    const failed = (await eventsOf(alice, 'webhook')).at(-1)!;
    expect(failed).toMatchObject({ type: 'dev.todo.notification.failed.v1', data: { reason: 'the webhook answered 500', attempts: 4 } });
    expect((await notificationsOf(alice)).find((n) => n.channel === 'webhook')!.status).toBe('failed');
  });

  it('fails at once when the receiver refuses with a 4xx', async () => {
    const alice = aUser();
    const hook = await receiver([410]);
    await withWebhook(alice, hook.url);
    await kit.deliver(aReminderDelivered(alice));
    expect((await eventsOf(alice, 'webhook')).at(-1)).toMatchObject({ type: 'dev.todo.notification.failed.v1', data: { reason: 'the webhook refused it with 410', attempts: 1 } });
    expect(hook.received).toHaveLength(1);
  });

  it('fails with a reason when nothing listens at the address', async () => {
    const alice = aUser();
    const hook = await receiver();
    await hook.close();
    await withWebhook(alice, hook.url);
    await kit.deliver(aReminderDelivered(alice));
    await kit.settleRetries();
    expect((await eventsOf(alice, 'webhook')).at(-1)).toMatchObject({ type: 'dev.todo.notification.failed.v1', data: { reason: expect.stringContaining('ECONNREFUSED'), attempts: 4 } });
  });

  it('holds webhooks during quiet hours and sends them when they end; in-app is stored at once', async () => {
    const alice = aUser();
    const hook = await receiver();
    await withWebhook(alice, hook.url, { quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' } });
    const before = kit.clock.now().toISOString();
    kit.clock.set('2026-05-01T21:30:00Z'); // 23:30 in Berlin
    try {
      await kit.deliver(aReminderDelivered(alice));
      await kit.settle();
      expect(hook.received).toHaveLength(0);
      expect((await notificationsOf(alice)).map((n) => [n.channel, n.status]).sort()).toEqual([['in-app', 'delivered'], ['webhook', 'pending']]);
      expect(typesOf(await eventsOf(alice, 'webhook'))).toEqual(['sent']);

      kit.clock.set('2026-05-02T04:59:00Z');
      kit.parts.dispatcher.wake();
      await kit.settle();
      expect(hook.received).toHaveLength(0);

      kit.clock.set('2026-05-02T05:00:00Z'); // 07:00 in Berlin
      kit.parts.dispatcher.wake();
      await kit.settle();
      expect(hook.received).toHaveLength(1);
      expect(typesOf(await eventsOf(alice, 'webhook'))).toEqual(['sent', 'delivered']);
    } finally {
      kit.clock.set(before);
    }
  });
});

