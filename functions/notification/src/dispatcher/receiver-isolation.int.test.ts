import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLoopbackReceiver } from '../../test/channels/loopback-receiver';
import { createNotificationFunction } from '../notification-function';
import { aReminderDelivered, type NotificationKit, startNotificationKit } from '../../test/notification-test-kit';
import type { DeliveryPolicyOptions } from './delivery-policy';

let kit: NotificationKit;
beforeAll(async () => {
  kit = await startNotificationKit();
  // Only the function instances built below dispatch in this file.
  await kit.parts.stop();
});
afterAll(() => kit.stop());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver(statuses: Parameters<typeof startLoopbackReceiver>[0]) {
  const started = await startLoopbackReceiver(statuses);
  cleanups.push(() => started.close());
  return started;
}

function dispatching(delivery: Partial<DeliveryPolicyOptions> = {}) {
  const parts = createNotificationFunction({ ...kit.deps, delivery: { ...kit.deps.delivery, ...delivery } });
  parts.start();
  cleanups.push(() => parts.stop());
  return parts;
}

const webhookRows = async (userId: string) =>
  kit.sql.unsafe(`select status, attempts, last_error from ${kit.schema}.notifications where user_id = $1 and channel = 'webhook' order by created_at, id`, [userId]);

describe('receivers are kept apart', () => {
  it('a receiver that hangs gets at most perReceiver tries at once and holds up no other receiver', async () => {
    const hanging = await receiver([0]);
    const fine = await receiver([200]);
    await kit.call('hang-alice', 'PUT', '/notifications/preferences', { channels: { webhook: { url: hanging.url } } });
    await kit.call('hang-bob', 'PUT', '/notifications/preferences', { channels: { webhook: { url: fine.url } } });
    const parts = dispatching({ perReceiver: 3 });

    for (let i = 0; i < 10; i++) await kit.deliver(aReminderDelivered('hang-alice', { title: `a${i}` }));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(hanging.received).toHaveLength(3));
    await sleep(100);
    expect(hanging.received).toHaveLength(3);

    const started = Date.now();
    await kit.deliver(aReminderDelivered('hang-bob'));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(fine.received).toHaveLength(1), { timeout: 1_000, interval: 10 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('once a receiver failed breakerThreshold times in a row, its tries fail fast without contacting it and follow their backoff to failed', async () => {
    const down = await receiver([500]);
    await kit.call('down-carol', 'PUT', '/notifications/preferences', { channels: { webhook: { url: down.url } } });
    const parts = dispatching({ breakerThreshold: 2, halfOpenAfterMs: 60_000, perReceiver: 1 });

    for (let i = 0; i < 3; i++) await kit.deliver(aReminderDelivered('down-carol', { title: `c${i}` }));
    await kit.settleRetries(60_000, parts.dispatcher);

    expect(down.received).toHaveLength(2);
    const rows = await webhookRows('down-carol');
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([['failed', 4], ['failed', 4], ['failed', 4]]);
    expect(rows.map((row) => row.last_error)).toEqual(Array(3).fill('not tried: the receiver failed repeatedly and its circuit is open'));
    const failed = (await kit.published()).filter((e) => e.userid === 'down-carol' && e.type === 'dev.todo.notification.failed.v1');
    expect(failed.map((e) => (e.data as { attempts: number }).attempts)).toEqual([4, 4, 4]);
  });
});

describe('users are kept apart on the same receiver', () => {
  const webhookAt = (userId: string, url: string) => kit.call(userId, 'PUT', '/notifications/preferences', { channels: { webhook: { url } } });
  const pathsOf = (hook: { received: { path: string }[] }, prefix: string) => hook.received.filter((request) => request.path.startsWith(prefix));

  it("one user's failing sends do not open the circuit for another user's deliveries to the same origin", async () => {
    const shared = await receiver((path) => (path.startsWith('/mallory') ? 500 : 200));
    const { origin } = new URL(shared.url);
    await webhookAt('cb-mallory', `${origin}/mallory`);
    await webhookAt('cb-alice', `${origin}/alice`);
    const parts = dispatching({ breakerThreshold: 2, halfOpenAfterMs: 60_000 });

    for (let i = 0; i < 3; i++) await kit.deliver(aReminderDelivered('cb-mallory', { title: `m${i}` }));
    parts.dispatcher.wake();
    await kit.settleRetries(60_000, parts.dispatcher);
    expect((await webhookRows('cb-mallory')).map((row) => row.last_error)).toContain('not tried: the receiver failed repeatedly and its circuit is open');

    await kit.deliver(aReminderDelivered('cb-alice'));
    parts.dispatcher.wake();
    await parts.dispatcher.idle();

    expect(pathsOf(shared, '/alice')).toHaveLength(1);
    expect((await webhookRows('cb-alice')).map((row) => [row.status, row.attempts, row.last_error])).toEqual([['delivered', 1, null]]);
  });

  it("one user's hanging sends do not take the slots of another user's deliveries to the same origin", async () => {
    const shared = await receiver((path) => (path.startsWith('/mallory') ? 0 : 200));
    const { origin } = new URL(shared.url);
    await webhookAt('slots-mallory', `${origin}/mallory`);
    await webhookAt('slots-alice', `${origin}/alice`);
    const parts = dispatching({ perReceiver: 2 });

    for (let i = 0; i < 10; i++) await kit.deliver(aReminderDelivered('slots-mallory', { title: `m${i}` }));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(pathsOf(shared, '/mallory')).toHaveLength(2));
    await sleep(100);
    expect(pathsOf(shared, '/mallory')).toHaveLength(2);

    await kit.deliver(aReminderDelivered('slots-alice'));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(pathsOf(shared, '/alice')).toHaveLength(1), { timeout: 1_000, interval: 10 });
  });

  it('caps the tries in flight of one user over all their receivers, so one user cannot occupy the whole dispatcher', async () => {
    const first = await receiver([0]);
    const second = await receiver([0]);
    const fine = await receiver([200]);
    const parts = dispatching({ concurrency: 4, perReceiver: 2, perUser: 2 });

    await webhookAt('cap-mallory', first.url);
    for (let i = 0; i < 5; i++) await kit.deliver(aReminderDelivered('cap-mallory', { title: `first ${i}` }));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(first.received).toHaveLength(2));
    // A new receiver gives no new slots: the user is at their cap.
    await webhookAt('cap-mallory', second.url);
    for (let i = 0; i < 5; i++) await kit.deliver(aReminderDelivered('cap-mallory', { title: `second ${i}` }));
    parts.dispatcher.wake();
    await sleep(200);
    expect([first.received.length, second.received.length]).toEqual([2, 0]);

    await webhookAt('cap-alice', fine.url);
    await kit.deliver(aReminderDelivered('cap-alice'));
    parts.dispatcher.wake();
    await vi.waitFor(() => expect(fine.received).toHaveLength(1), { timeout: 1_000, interval: 10 });
  });
});
