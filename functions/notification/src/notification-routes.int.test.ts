import { encodeCursor } from '#shared/http/opaque-cursor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReminderDelivered, type NotificationKit, startNotificationKit, TASK_ID } from '../test/notification-test-kit';

let kit: NotificationKit;
beforeAll(async () => {
  kit = await startNotificationKit();
});
afterAll(() => kit.stop());

let users = 0;
/** A user of this test alone, so every test starts from no notifications. */
const aUser = () => `user-${++users}`;

async function inbox(userId: string, query = '') {
  const response = await kit.call(userId, 'GET', `/notifications/${userId}${query}`);
  expect(response.status).toBe(200);
  return response.body as { items: Record<string, unknown>[]; nextCursor: string | null };
}

describe('a delivered reminder', () => {
  it('becomes one in-app notification, delivered, with Sent then Delivered emitted', async () => {
    const alice = aUser();
    const event = aReminderDelivered(alice, { title: 'Pay rent' });
    const now = kit.clock.now().toISOString();
    expect(await kit.deliver(event)).toEqual({ status: 202, body: null });

    const { items } = await inbox(alice);
    expect(items).toEqual([
      {
        id: expect.any(String),
        taskId: TASK_ID,
        title: 'Pay rent',
        body: 'Due in 15 minutes (2026-05-01 08:15 UTC)',
        channel: 'in-app',
        status: 'delivered',
        createdAt: now,
        readAt: null,
      },
    ]);
    const events = (await kit.published()).filter((e) => e.userid === alice);
    expect(events.map((e) => e.type)).toEqual(['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']);
    expect(events[0]).toMatchObject({
      source: '/functions/notification',
      subject: TASK_ID,
      partitionkey: items[0]!.id,
      traceparent: event.traceparent,
      data: { notificationId: items[0]!.id, channel: 'in-app', taskId: TASK_ID, reminderId: (event.data as { reminderId: string }).reminderId, title: 'Pay rent' },
    });
  });

  it('arriving twice, or again under a new event id, still makes one notification per channel', async () => {
    const alice = aUser();
    const event = aReminderDelivered(alice);
    expect((await kit.deliver(event)).status).toBe(202);
    expect((await kit.deliver(event)).status).toBe(202);
    expect((await kit.deliver(event.cloneWith({ id: crypto.randomUUID() }))).status).toBe(202);
    expect((await inbox(alice)).items).toHaveLength(1);
    expect((await kit.published()).filter((e) => e.userid === alice)).toHaveLength(2);
  });

  it('arriving many at once, duplicates among them, still makes exactly one notification per reminder', async () => {
    const alice = aUser();
    const events = Array.from({ length: 40 }, (_, i) => aReminderDelivered(alice, { title: `r${i}` }));
    const redelivered = events.slice(0, 10);
    const renamed = events.slice(10, 20).map((event) => event.cloneWith({ id: crypto.randomUUID() }));

    const answers = await Promise.all([...events, ...redelivered, ...renamed].map((event) => kit.deliver(event)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(60).fill(202));
    const { items } = await inbox(alice, '?limit=200');
    expect(items.map((n) => n.title).sort()).toEqual(events.map((event) => (event.data as { title: string }).title).sort());
    const published = (await kit.published()).filter((e) => e.userid === alice);
    expect(published.filter((e) => e.type === 'dev.todo.notification.delivered.v1')).toHaveLength(40);
    expect(published).toHaveLength(80);
  });

  it('is listed newest first, for its own user only', async () => {
    const [alice, bob] = [aUser(), aUser()];
    for (const title of ['first', 'second', 'third']) {
      await kit.deliver(aReminderDelivered(alice, { title }));
      kit.clock.advance(60_000);
    }
    await kit.deliver(aReminderDelivered(bob, { title: 'bob only' }));
    expect((await inbox(alice)).items.map((n) => n.title)).toEqual(['third', 'second', 'first']);
    expect((await inbox(bob)).items.map((n) => n.title)).toEqual(['bob only']);
  });

  it('says when it is late, and has no due time when the task has none', async () => {
    const alice = aUser();
    await kit.deliver(aReminderDelivered(alice, { late: true, dueAt: null, remindAt: '2026-05-01T07:00:00.000Z' }));
    expect((await inbox(alice)).items[0]!.body).toBe('Reminder set for 2026-05-01 07:00 UTC; this reminder is late');
  });

  it('is not stored in-app when the user turned in-app off', async () => {
    const alice = aUser();
    expect((await kit.call(alice, 'PUT', '/notifications/preferences', { channels: { inApp: false } })).status).toBe(200);
    expect(await kit.deliver(aReminderDelivered(alice))).toEqual({ status: 202, body: null });
    expect((await inbox(alice)).items).toEqual([]);
  });

  it('ignores other reminder events and drops invalid ones', async () => {
    const alice = aUser();
    const scheduled = aReminderDelivered(alice).cloneWith({ type: 'dev.todo.reminder.scheduled.v1', data: { reminderId: 'r1', taskId: TASK_ID, title: 't', remindAt: '2026-05-01T08:00:00Z', dueAt: null } });
    expect((await kit.deliver(scheduled)).status).toBe(202);
    const broken = aReminderDelivered(alice).cloneWith({ data: { reminderId: 'r2', title: 'no task id' } });
    expect((await kit.deliver(broken)).status).toBe(400);
    expect((await inbox(alice)).items).toEqual([]);
  });
});

describe('GET /notifications/{userId}', () => {
  it("answers 404 for another user's list, exactly like an unknown user", async () => {
    const [alice, bob] = [aUser(), aUser()];
    await kit.deliver(aReminderDelivered(alice));
    const other = await kit.call(bob, 'GET', `/notifications/${alice}`);
    const unknown = await kit.call(bob, 'GET', '/notifications/nobody-at-all');
    expect(other.status).toBe(404);
    expect({ ...other.body, instance: null }).toEqual({ ...unknown.body, instance: null });
  });

  it('needs a token', async () => {
    expect((await kit.call(null, 'GET', '/notifications/alice')).status).toBe(401);
  });

  it.each(['send', 'read-all'])('is not /notifications/%s, which answers GET with 405 and Allow: POST (found by Schemathesis)', async (path) => {
    const response = await kit.call(aUser(), 'GET', `/notifications/${path}`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.body).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('pages with limit and cursor, and filters unread', async () => {
    const alice = aUser();
    for (let i = 1; i <= 5; i++) await kit.deliver(aReminderDelivered(alice, { title: `n${i}` }));
    const first = await inbox(alice, '?limit=2');
    expect(first.items.map((n) => n.title)).toEqual(['n5', 'n4']);
    const second = await inbox(alice, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.title)).toEqual(['n3', 'n2']);
    const third = await inbox(alice, `?limit=2&cursor=${second.nextCursor}`);
    expect(third).toEqual({ items: [expect.objectContaining({ title: 'n1' })], nextCursor: null });

    await kit.call(alice, 'POST', `/notifications/${first.items[0]!.id}/read`);
    expect((await inbox(alice, '?unread=true')).items.map((n) => n.title)).toEqual(['n4', 'n3', 'n2', 'n1']);
  });

  it('refuses bad parameters with 422 and a foreign cursor with 400', async () => {
    const alice = aUser();
    const bad = await kit.call(alice, 'GET', `/notifications/${alice}?limit=0&unread=maybe&colour=red`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit', 'unread']);
    expect((await kit.call(alice, 'GET', `/notifications/${alice}?cursor=not-ours`)).status).toBe(400);
    // Well-formed cursors naming an instant no database holds (year 0000, an offset past 23:59): 400, never a 500.
    for (const c of ['0000-06-01T00:00:00Z', '2026-05-01T00:00:00+24:00', '0001-01-01T00:00:00+01:00']) {
      const forged = encodeCursor({ c, i: '0196a8c4-0000-7000-8000-000000000001' });
      expect((await kit.call(alice, 'GET', `/notifications/${alice}?cursor=${forged}`)).status, c).toBe(400);
    }
    for (const limit of ['201', 'ten', '1e1', '5.0']) {
      const answer = await kit.call(alice, 'GET', `/notifications/${alice}?limit=${limit}`);
      expect([answer.status, answer.body.errors]).toEqual([422, [{ field: 'limit', message: 'must be a whole number from 1 to 200' }]]);
    }
  });
});

describe('POST /notifications/{id}/read', () => {
  it('marks read once; reading again keeps the first time; another user gets 404', async () => {
    const [alice, bob] = [aUser(), aUser()];
    await kit.deliver(aReminderDelivered(alice));
    const [notification] = (await inbox(alice)).items;
    const readAt = kit.clock.now().toISOString();
    const read = await kit.call(alice, 'POST', `/notifications/${notification!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: notification!.id, readAt });
    kit.clock.advance(60_000);
    const again = await kit.call(alice, 'POST', `/notifications/${notification!.id}/read`);
    expect(again.body.readAt).toBe(readAt);
    expect((await kit.call(bob, 'POST', `/notifications/${notification!.id}/read`)).status).toBe(404);
    expect((await kit.call(alice, 'POST', '/notifications/not-a-uuid/read')).status).toBe(404);
    expect((await kit.call(alice, 'POST', `/notifications/${crypto.randomUUID()}/read`)).status).toBe(404);
  });
});

describe('POST /notifications/read-all', () => {
  it("marks every unread in-app notification of the caller read, and nobody else's", async () => {
    const [alice, bob] = [aUser(), aUser()];
    for (const title of ['one', 'two', 'three']) await kit.deliver(aReminderDelivered(alice, { title }));
    await kit.deliver(aReminderDelivered(bob));
    const [newest] = (await inbox(alice)).items;
    await kit.call(alice, 'POST', `/notifications/${newest!.id}/read`);

    const all = await kit.call(alice, 'POST', '/notifications/read-all');

    expect([all.status, all.body]).toEqual([200, { read: 2 }]);
    expect((await inbox(alice, '?unread=true')).items).toEqual([]);
    expect((await inbox(bob, '?unread=true')).items).toHaveLength(1);
    expect((await kit.call(alice, 'POST', '/notifications/read-all')).body).toEqual({ read: 0 });
  });
});

describe('POST /notifications/send', () => {
  it('sends the caller an ad-hoc in-app notification', async () => {
    const alice = aUser();
    const sent = await kit.call(alice, 'POST', '/notifications/send', { title: '  Stand up  ', body: 'and stretch' });
    expect(sent.status).toBe(201);
    expect(sent.body.items).toEqual([expect.objectContaining({ title: 'Stand up', body: 'and stretch', channel: 'in-app', status: 'delivered', taskId: null })]);
    expect((await inbox(alice)).items).toEqual(sent.body.items);
    const events = (await kit.published()).filter((e) => e.userid === alice);
    expect(events.map((e) => [e.type, e.subject, (e.data as { reminderId: unknown }).reminderId])).toEqual([
      ['dev.todo.notification.sent.v1', sent.body.items[0].id, null],
      ['dev.todo.notification.delivered.v1', sent.body.items[0].id, null],
    ]);
  });

  it('refuses a channel the caller has not enabled, naming the field', async () => {
    const alice = aUser();
    const refused = await kit.call(alice, 'POST', '/notifications/send', { title: 'hi', channels: ['webhook'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'channels', message: 'webhook is not enabled in your notification preferences' }]);
  });

  it('answers 400 to malformed JSON, 415 to other media, 422 to unknown or missing fields', async () => {
    const alice = aUser();
    const malformed = await kit.call(alice, 'POST', '/notifications/send', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    expect((await kit.call(alice, 'POST', '/notifications/send', 'title=hi', { 'content-type': 'text/plain' })).status).toBe(415);
    const unknown = await kit.call(alice, 'POST', '/notifications/send', { title: 'hi', colour: 'red' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'is not a known field' }]);
    const blank = await kit.call(alice, 'POST', '/notifications/send', { body: 'no title', channels: ['sms'] });
    expect(blank.status).toBe(422);
    expect(blank.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channels.0', 'title']);
  });
});

describe('GET/PUT /notifications/preferences', () => {
  it('starts with in-app only', async () => {
    const got = await kit.call(aUser(), 'GET', '/notifications/preferences');
    expect(got.body).toEqual({ channels: { inApp: true, webhook: null, email: null }, quietHours: null });
  });

  it('generates a webhook secret when none is given and shows it once', async () => {
    const alice = aUser();
    const put = await kit.call(alice, 'PUT', '/notifications/preferences', {
      channels: { webhook: { url: 'https://hooks.example.com/todo' } },
      quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' },
    });
    expect(put.status).toBe(200);
    const secret = put.body.channels.webhook.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    const got = await kit.call(alice, 'GET', '/notifications/preferences');
    expect(got.body).toEqual({
      channels: { inApp: true, webhook: { url: 'https://hooks.example.com/todo' }, email: null },
      quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' },
    });
    expect(JSON.stringify(got.body.quietHours)).toBe('{"start":"22:00","end":"07:00","timezone":"Europe/Berlin"}');
    const again = await kit.call(alice, 'PUT', '/notifications/preferences', { channels: { webhook: { url: 'https://hooks.example.com/v2' } } });
    expect(again.body.channels.webhook).toEqual({ url: 'https://hooks.example.com/v2' });
  });

  it('keeps a secret the user gives without echoing it', async () => {
    const alice = aUser();
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const put = await kit.call(alice, 'PUT', '/notifications/preferences', { channels: { webhook: { url: 'http://127.0.0.1:9/hook', secret } } });
    expect(put.body.channels.webhook).toEqual({ url: 'http://127.0.0.1:9/hook' });
  });

  it.each([
    [{ channels: { webhook: { url: 'ftp://example.com/x' } } }, 'channels.webhook.url'],
    [{ channels: { webhook: { url: 'not a url' } } }, 'channels.webhook.url'],
    [{ channels: { webhook: { url: 'https://example.com', secret: 'whsec_short' } } }, 'channels.webhook.secret'],
    [{ channels: { email: { address: 'not-an-address' } } }, 'channels.email.address'],
    [{ channels: {}, quietHours: { start: '25:00', end: '07:00', timezone: 'Europe/Berlin' } }, 'quietHours.start'],
    [{ channels: {}, quietHours: { start: '22:00', end: '7am', timezone: 'Europe/Berlin' } }, 'quietHours.end'],
    [{ channels: {}, quietHours: { start: '22:00', end: '22:00', timezone: 'Europe/Berlin' } }, 'quietHours.end'],
    [{ channels: {}, quietHours: { start: '22:00', end: '07:00', timezone: 'Mars/Olympus_Mons' } }, 'quietHours.timezone'],
    [{ channels: { inApp: true, sms: true } }, 'channels.sms'],
    [{ quietHours: null }, 'channels'],
  ])('refuses %j with 422 naming %s', async (body, field) => {
    const response = await kit.call(aUser(), 'PUT', '/notifications/preferences', body);
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 400 to malformed JSON', async () => {
    expect((await kit.call(aUser(), 'PUT', '/notifications/preferences', '{channels')).status).toBe(400);
  });

  it('says what channels must be when they are missing', async () => {
    const response = await kit.call(aUser(), 'PUT', '/notifications/preferences', {});
    expect(response.body.errors).toEqual([{ field: 'channels', message: 'must be an object of the channels to use, e.g. {"inApp": true, "webhook": {"url": "https://…"}}' }]);
  });
});
