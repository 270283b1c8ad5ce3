import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from './channels/smtp-receiver';
import { aReminderDelivered, type NotificationKit, startNotificationKit } from './notification-test-kit';

let kit: NotificationKit;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
beforeAll(async () => {
  // Each connection takes the next mode: one good mail, two hang-ups then a good one, then refusals.
  smtp = await startSmtpReceiver(['accept', 'hang-up', 'hang-up', 'accept', 'refuse-recipient']);
  kit = await startNotificationKit({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await kit.stop();
  await smtp.close();
});

const eventsOf = async (userId: string) =>
  (await kit.published()).filter((e) => e.userid === userId && (e.data as { channel: string }).channel === 'email').map((e) => ({ type: e.type, data: e.data }));

async function withEmail(userId: string) {
  const put = await kit.call(userId, 'PUT', '/notifications/preferences', { channels: { email: { address: `${userId}@example.com` } } });
  expect(put.status).toBe(200);
}

describe('the email channel', () => {
  it('sends the notification over SMTP', async () => {
    await withEmail('erin');
    await kit.deliver(aReminderDelivered('erin', { title: 'Pay rent' }));
    await kit.settle();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: '<todo@example.test>', to: ['<erin@example.com>'] });
    expect(smtp.received[0]!.data).toMatch(/^Subject: Pay rent\r$/m);
    expect(smtp.received[0]!.data).toContain('Due in 15 minutes (2026-05-01 08:15 UTC)');
    expect((await eventsOf('erin')).map((e) => e.type)).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
  });

  it('retries a mail server that hangs up, then delivers', async () => {
    await withEmail('frank');
    await kit.deliver(aReminderDelivered('frank'));
    await kit.settleRetries();
    expect(smtp.received.map((mail) => mail.to)).toContainEqual(['<frank@example.com>']);
    expect((await eventsOf('frank')).map((e) => e.type)).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
  });

  it('fails at once when the server refuses the recipient, while in-app is delivered', async () => {
    await withEmail('gina');
    await kit.deliver(aReminderDelivered('gina'));
    const events = await eventsOf('gina');
    expect(events.at(-1)).toMatchObject({ type: 'dev.todo.notification.failed.v1', data: { attempts: 1, reason: expect.stringContaining('550') } });
    const inbox = await kit.call('gina', 'GET', '/notifications/gina?channel=in-app');
    expect(inbox.body.items).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });
});
