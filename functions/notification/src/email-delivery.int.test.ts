import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpMode, startSmtpReceiver } from '../test/channels/smtp-receiver';
import { aReminderDelivered, codeMailedTo, type NotificationKit, startNotificationKit } from '../test/notification-test-kit';

let kit: NotificationKit;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
beforeAll(async () => {
  smtp = await startSmtpReceiver(['accept']);
  kit = await startNotificationKit({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await kit.stop();
  await smtp.close();
});

const eventsOf = async (userId: string) =>
  (await kit.published()).filter((e) => e.userid === userId && (e.data as { channel: string }).channel === 'email').map((e) => ({ type: e.type, data: e.data }));
const notificationMailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(`<${address}>`) && /^X-Todo-Notification-Id: /im.test(mail.data));

/** The user with a verified address `<userId>@example.com`; then each SMTP connection takes the next of `modes`. */
async function withEmail(userId: string, modes: SmtpMode[]) {
  const address = `${userId}@example.com`;
  smtp.answerWith(['accept']);
  expect((await kit.call(userId, 'PUT', '/notifications/preferences', { channels: { email: { address } } })).status).toBe(200);
  expect((await kit.call(userId, 'POST', '/notifications/preferences/email/verification')).status).toBe(202);
  const verified = await kit.call(userId, 'POST', '/notifications/preferences/email/verify', { code: codeMailedTo(smtp.received, address) });
  expect(verified.body.channels.email).toEqual({ address, verified: true });
  smtp.answerWith(modes);
}

describe('the email channel', () => {
  it('sends the notification over SMTP', async () => {
    await withEmail('erin', ['accept']);
    await kit.deliver(aReminderDelivered('erin', { title: 'Pay rent' }));
    await kit.settle();
    const mails = notificationMailsTo('erin@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: '<todo@example.test>', to: ['<erin@example.com>'] });
    expect(mails[0]!.data).toMatch(/^Subject: Pay rent\r$/m);
    expect(mails[0]!.data).toContain('Due in 15 minutes (2026-05-01 08:15 UTC)');
    expect((await eventsOf('erin')).map((e) => e.type)).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
  });

  it('retries a mail server that hangs up, then delivers', async () => {
    await withEmail('frank', ['hang-up', 'hang-up', 'accept']);
    await kit.deliver(aReminderDelivered('frank'));
    await kit.settleRetries();
    expect(notificationMailsTo('frank@example.com')).toHaveLength(1);
    expect((await eventsOf('frank')).map((e) => e.type)).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
  });

  it('fails at once when the server refuses the recipient, while in-app is delivered', async () => {
    await withEmail('gina', ['refuse-recipient']);
    await kit.deliver(aReminderDelivered('gina'));
    const events = await eventsOf('gina');
    expect(events.at(-1)).toMatchObject({ type: 'dev.todo.notification.failed.v1', data: { attempts: 1, reason: expect.stringContaining('550') } });
    const inbox = await kit.call('gina', 'GET', '/notifications/gina?channel=in-app');
    expect(inbox.body.items).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });
});
