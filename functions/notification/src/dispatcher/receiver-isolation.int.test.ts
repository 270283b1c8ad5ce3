import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLoopbackReceiver } from '../channels/loopback-receiver';
import { createNotificationFunction } from '../notification-function';
import { aReminderDelivered, type NotificationKit, startNotificationKit } from '../notification-test-kit';
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

async function receiver(statuses: number[]) {
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
