import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLoopbackReceiver } from '../../test/channels/loopback-receiver';
import { createNotificationFunction } from '../notification-function';
import { aReminderDelivered, type NotificationKit, startNotificationKit } from '../../test/notification-test-kit';

let kit: NotificationKit;
beforeAll(async () => {
  kit = await startNotificationKit();
  // Only the function instances built below dispatch in this file.
  await kit.parts.stop();
});
afterAll(() => kit.stop());

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const webhookRow = async (userId: string) =>
  (await kit.sql.unsafe(`select status, attempts from ${kit.schema}.notifications where user_id = $1 and channel = 'webhook'`, [userId]))[0];

it('hands a try in flight back on stop, uncounted, and the next start sends it at once', async () => {
  const hook = await startLoopbackReceiver([0]);
  try {
    await kit.call('alice', 'PUT', '/notifications/preferences', { channels: { webhook: { url: hook.url } } });
    const first = createNotificationFunction(kit.deps);
    first.start();
    expect((await kit.deliver(aReminderDelivered('alice'))).status).toBe(202);
    first.dispatcher.wake();
    await waitFor(() => hook.received.length >= 1);
    await first.stop();
    expect(await webhookRow('alice')).toEqual({ status: 'pending', attempts: 0 });

    hook.answerWith([200]);
    const second = createNotificationFunction(kit.deps);
    second.start();
    await waitFor(() => hook.received.length >= 2);
    await second.dispatcher.idle();
    await second.stop();
    expect(await webhookRow('alice')).toEqual({ status: 'delivered', attempts: 1 });
    expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    await kit.relay.idle();
    const outcome = (await kit.published()).filter((e) => e.userid === 'alice' && (e.data as { channel: string }).channel === 'webhook').map((e) => e.type);
    expect(outcome).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
  } finally {
    await hook.close();
  }
});

it('keeps a failed try waiting out its backoff in the queue, across a restart', async () => {
  const hook = await startLoopbackReceiver([503, 200]);
  try {
    await kit.call('carol', 'PUT', '/notifications/preferences', { channels: { webhook: { url: hook.url } } });
    const first = createNotificationFunction({ ...kit.deps, delivery: { ...kit.deps.delivery, initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    first.start();
    await kit.deliver(aReminderDelivered('carol'));
    first.dispatcher.wake();
    await waitFor(() => hook.received.length === 1);
    await first.dispatcher.idle();
    await first.stop();
    const [row] = await kit.sql.unsafe(`select status, attempts, last_error, next_attempt_at from ${kit.schema}.notifications where user_id = 'carol' and channel = 'webhook'`);
    expect(row).toEqual({ status: 'pending', attempts: 1, last_error: 'the webhook answered 503', next_attempt_at: new Date(kit.clock.now().getTime() + 60_000) });

    const second = createNotificationFunction(kit.deps);
    second.start();
    await second.dispatcher.idle();
    expect(hook.received).toHaveLength(1);

    kit.clock.advance(60_000);
    second.dispatcher.wake();
    await waitFor(() => hook.received.length === 2);
    await second.dispatcher.idle();
    await second.stop();
    expect(await webhookRow('carol')).toEqual({ status: 'delivered', attempts: 2 });
  } finally {
    await hook.close();
  }
});

it('takes over a delivery whose dispatcher died once its lease has run out', async () => {
  const hook = await startLoopbackReceiver([200]);
  try {
    await kit.call('bob', 'PUT', '/notifications/preferences', { channels: { webhook: { url: hook.url } } });
    await kit.deliver(aReminderDelivered('bob'));
    // As a crashed dispatcher leaves it: sending, leased until a minute from now.
    await kit.sql.unsafe(`update ${kit.schema}.notifications set status = 'sending', locked_until = $2 where user_id = $1 and channel = 'webhook'`, [
      'bob',
      new Date(kit.clock.now().getTime() + 60_000).toISOString(),
    ]);
    const next = createNotificationFunction(kit.deps);
    next.start();
    await next.dispatcher.idle();
    expect(hook.received).toHaveLength(0);

    kit.clock.advance(61_000);
    next.dispatcher.wake();
    await waitFor(() => hook.received.length === 1);
    await next.dispatcher.idle();
    await next.stop();
    expect(await webhookRow('bob')).toEqual({ status: 'delivered', attempts: 1 });
  } finally {
    await hook.close();
  }
});
