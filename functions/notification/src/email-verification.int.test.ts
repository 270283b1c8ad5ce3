import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../test/channels/smtp-receiver';
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

let users = 0;
const aUser = () => `verify-user-${++users}`;
// Mail servers compare domains without case; nodemailer writes them in lower case.
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.some((to) => to.toLowerCase() === `<${address.toLowerCase()}>`));
const notificationMailsTo = (address: string) => mailsTo(address).filter((mail) => /^X-Todo-Notification-Id: /im.test(mail.data));

const setEmail = (userId: string, address: string, extra: Record<string, unknown> = {}) =>
  kit.call(userId, 'PUT', '/notifications/preferences', { channels: { email: { address } }, ...extra });
const requestCode = (userId: string) => kit.call(userId, 'POST', '/notifications/preferences/email/verification');
const enterCode = (userId: string, code: string) => kit.call(userId, 'POST', '/notifications/preferences/email/verify', { code });
const emailRows = (userId: string) =>
  kit.sql.unsafe(`select status, attempts, last_error from ${kit.schema}.notifications where user_id = $1 and channel = 'email' order by created_at, id`, [userId]);
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('an email address set in the preferences', () => {
  it('is unverified, and nothing is mailed to it: no reminder, no ad-hoc notification', async () => {
    const mallory = aUser();
    const put = await setEmail(mallory, 'victim-1@example.com');
    expect(put.body.channels.email).toEqual({ address: 'victim-1@example.com', verified: false });

    await kit.deliver(aReminderDelivered(mallory));
    const sent = await kit.call(mallory, 'POST', '/notifications/send', { title: 'spam', channels: ['email'] });
    await kit.settle();

    expect(sent.status).toBe(422);
    expect(sent.body.errors).toEqual([{ field: 'channels', message: 'email is not enabled: the address is not verified yet' }]);
    expect(await emailRows(mallory)).toEqual([]);
    expect(mailsTo('victim-1@example.com')).toEqual([]);
  });

  it('is verified with the code mailed to it, entered through the API; then notifications are mailed there', async () => {
    const erin = aUser();
    await setEmail(erin, 'erin@example.com');

    const requested = await requestCode(erin);
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({ address: 'erin@example.com', expiresAt: '2026-05-01T08:15:00.000Z' });
    expect(mailsTo('erin@example.com')).toHaveLength(1);
    const code = codeMailedTo(smtp.received, 'erin@example.com');

    const verified = await enterCode(erin, code);
    expect(verified.status).toBe(200);
    expect(verified.body.channels.email).toEqual({ address: 'erin@example.com', verified: true });
    expect((await kit.call(erin, 'GET', '/notifications/preferences')).body.channels.email).toEqual({ address: 'erin@example.com', verified: true });

    await kit.deliver(aReminderDelivered(erin, { title: 'Pay rent' }));
    await kit.settle();
    expect(notificationMailsTo('erin@example.com')).toHaveLength(1);
    expect((await emailRows(erin)).map((row) => row.status)).toEqual(['delivered']);
  });

  it('takes a code once only', async () => {
    const erin = aUser();
    await setEmail(erin, 'once@example.com');
    await requestCode(erin);
    const code = codeMailedTo(smtp.received, 'once@example.com');
    expect((await enterCode(erin, code)).status).toBe(200);
    const again = await enterCode(erin, code);
    expect([again.status, again.body.detail]).toEqual([409, 'no verification code is pending for your email address; ask for one with POST /notifications/preferences/email/verification']);
  });

  it('stores the code hashed, never as it was mailed', async () => {
    const erin = aUser();
    await setEmail(erin, 'hashed@example.com');
    await requestCode(erin);
    const code = codeMailedTo(smtp.received, 'hashed@example.com');
    const rows = await kit.sql.unsafe(`select * from ${kit.schema}.email_verifications where user_id = $1`, [erin]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is lost again when the user changes it: a new address starts unverified, and the old code does not verify it', async () => {
    const erin = aUser();
    await setEmail(erin, 'first@example.com');
    await requestCode(erin);
    const code = codeMailedTo(smtp.received, 'first@example.com');
    await setEmail(erin, 'victim-2@example.com');
    const entered = await enterCode(erin, code);
    expect(entered.status).toBe(409);
    expect((await kit.call(erin, 'GET', '/notifications/preferences')).body.channels.email).toEqual({ address: 'victim-2@example.com', verified: false });
  });

  it('keeps its verification when the preferences are saved again with the same address', async () => {
    const erin = aUser();
    await setEmail(erin, 'kept@example.com');
    await requestCode(erin);
    await enterCode(erin, codeMailedTo(smtp.received, 'kept@example.com'));
    const again = await setEmail(erin, 'kept@example.com', { quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' } });
    expect(again.body.channels.email).toEqual({ address: 'kept@example.com', verified: true });
  });
});

describe('guessing a code', () => {
  it('is refused with the tries left, and after five wrong codes even the right one no longer works', async () => {
    const mallory = aUser();
    await setEmail(mallory, 'victim-3@example.com');
    await requestCode(mallory);
    const code = codeMailedTo(smtp.received, 'victim-3@example.com');

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await enterCode(mallory, wrongCode(code)));

    expect(answers.map((answer) => [answer.status, answer.body.errors[0].message])).toEqual([
      [422, 'is not the code we sent; 4 tries left'],
      [422, 'is not the code we sent; 3 tries left'],
      [422, 'is not the code we sent; 2 tries left'],
      [422, 'is not the code we sent; 1 try left'],
      [422, 'is not the code we sent; no tries left: ask for a new code'],
    ]);
    expect((await enterCode(mallory, code)).status).toBe(409);
    expect((await kit.call(mallory, 'GET', '/notifications/preferences')).body.channels.email.verified).toBe(false);
  });

  it('counts tries made at the same moment: five wrong codes at once leave none for a sixth', async () => {
    const mallory = aUser();
    await setEmail(mallory, 'victim-4@example.com');
    await requestCode(mallory);
    const code = codeMailedTo(smtp.received, 'victim-4@example.com');
    const answers = await Promise.all(Array.from({ length: 5 }, () => enterCode(mallory, wrongCode(code))));
    expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(422));
    expect((await enterCode(mallory, code)).status).toBe(409);
  });

  it('refuses an expired code', async () => {
    const erin = aUser();
    await setEmail(erin, 'late@example.com');
    await requestCode(erin);
    const code = codeMailedTo(smtp.received, 'late@example.com');
    const before = kit.clock.now().toISOString();
    kit.clock.advance(15 * 60_000);
    try {
      const late = await enterCode(erin, code);
      expect([late.status, late.body.errors]).toEqual([422, [{ field: 'code', message: 'has expired; ask for a new code' }]]);
      expect((await kit.call(erin, 'GET', '/notifications/preferences')).body.channels.email.verified).toBe(false);
    } finally {
      kit.clock.set(before);
    }
  });

  it('refuses what cannot be a code without counting it', async () => {
    const erin = aUser();
    await setEmail(erin, 'format@example.com');
    await requestCode(erin);
    const bad = await enterCode(erin, 'abc');
    expect([bad.status, bad.body.errors]).toEqual([422, [{ field: 'code', message: 'must be the 6-digit code from the mail' }]]);
    expect((await enterCode(erin, codeMailedTo(smtp.received, 'format@example.com'))).status).toBe(200);
  });
});

describe('verification mails', () => {
  it('are limited per user: the fourth within an hour answers 429 with Retry-After and sends nothing', async () => {
    const mallory = aUser();
    await setEmail(mallory, 'victim-5@example.com');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await requestCode(mallory));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 429]);
    expect(answers[3]!.headers.get('retry-after')).toBe('3600');
    expect(answers[3]!.body.detail).toBe('at most 3 verification mails per hour; try again in 3600 s');
    expect(mailsTo('victim-5@example.com')).toHaveLength(3);
  });

  it('are limited per address over all users: many accounts cannot flood one address', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++) {
      const mallory = aUser();
      await setEmail(mallory, 'Victim-6@Example.com');
      answers.push((await requestCode(mallory)).status);
    }
    expect(answers).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(mailsTo('Victim-6@Example.com')).toHaveLength(5);
  });

  it('are sent only for an address that needs verifying', async () => {
    const erin = aUser();
    const none = await requestCode(erin);
    expect([none.status, none.body.detail]).toEqual([409, 'there is no email address in your notification preferences']);
    await setEmail(erin, 'done@example.com');
    await requestCode(erin);
    await enterCode(erin, codeMailedTo(smtp.received, 'done@example.com'));
    const done = await requestCode(erin);
    expect([done.status, done.body.detail]).toEqual([409, 'your email address is already verified']);
    expect(mailsTo('done@example.com')).toHaveLength(1);
  });
});

describe('a notification planned for a verified address', () => {
  it('is not mailed to an unverified address the user switched to before it was sent', async () => {
    const mallory = aUser();
    await setEmail(mallory, 'mallory@example.com', { quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' } });
    await requestCode(mallory);
    await enterCode(mallory, codeMailedTo(smtp.received, 'mallory@example.com'));
    const before = kit.clock.now().toISOString();
    kit.clock.set('2026-05-01T21:30:00Z');
    try {
      await kit.deliver(aReminderDelivered(mallory));
      await kit.settle();
      await setEmail(mallory, 'victim-7@example.com', { quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' } });
      kit.clock.set('2026-05-02T05:00:00Z');
      kit.parts.dispatcher.wake();
      await kit.settle();
    } finally {
      kit.clock.set(before);
    }
    expect(await emailRows(mallory)).toEqual([{ status: 'failed', attempts: 1, last_error: 'not sent: the email address is not verified' }]);
    expect(mailsTo('victim-7@example.com')).toEqual([]);
    const failed = (await kit.published()).filter((e) => e.userid === mallory && e.type === 'dev.todo.notification.failed.v1');
    expect(failed.map((e) => (e.data as { reason: string }).reason)).toEqual(['not sent: the email address is not verified']);
  });
});
