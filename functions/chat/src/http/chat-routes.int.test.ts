import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit } from '../../test/chat-test-kit';
import { MAX_MESSAGE_LENGTH, MAX_TASKS_PER_MESSAGE } from '../language';

let kit: ChatKit;
beforeAll(async () => {
  kit = await startChatKit();
});
afterAll(() => kit?.stop());

const titles = async (userId: string, query = '') => ((await kit.call(userId, 'GET', `/tasks?limit=200${query}`)).body.items as { title: string }[]).map((task) => task.title);

describe('POST /chat against the real task function', () => {
  it('adds, lists, completes and deletes tasks in plain language', async () => {
    const added = await kit.chat('alice', 'add buy milk tomorrow at 5pm #shopping !high');
    expect(added.actions).toEqual([{ kind: 'created', taskIds: [expect.any(String)] }]);
    expect(added.tasks![0]).toMatchObject({ title: expect.stringMatching(/^buy milk$/i), priority: 'high', tags: ['shopping'] });
    const id = added.tasks![0]!.id;
    const conversation = added.conversationId;

    const second = await kit.chat('alice', 'add water the plants', conversation);
    expect(second.actions[0]!.kind).toBe('created');

    const listed = await kit.chat('alice', 'show my tasks', conversation);
    expect(listed.actions[0]).toMatchObject({ kind: 'listed' });
    expect(listed.actions[0]!.taskIds).toContain(id);
    expect(listed.reply).toMatch(/1\. /);

    const position = listed.actions[0]!.taskIds!.indexOf(id) + 1;
    const completed = await kit.chat('alice', `complete ${position}`, conversation);
    expect(completed.actions).toEqual([{ kind: 'completed', taskIds: [id] }]);
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body.status).toBe('completed');

    const deleted = await kit.chat('alice', 'delete water the plants', conversation);
    expect(deleted.actions[0]!.kind).toBe('deleted');
    expect(await titles('alice')).not.toContainEqual(expect.stringMatching(/water the plants/i));
  });

  it('follows "it" to the last task talked about', async () => {
    const added = await kit.chat('alice', 'add call the plumber');
    const id = added.tasks![0]!.id;
    const changed = await kit.chat('alice', 'make it urgent', added.conversationId);
    expect(changed.actions).toEqual([{ kind: 'updated', taskIds: [id] }]);
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body.priority).toBe('urgent');
  });

  it('moves a task by an amount, takes its due time away, and shows it in full', async () => {
    const added = await kit.chat('ivan', 'add dentist tomorrow at 3pm');
    const id = added.tasks![0]!.id;
    const pushed = await kit.chat('ivan', 'push it back a day', added.conversationId);
    expect(pushed.actions).toEqual([{ kind: 'updated', taskIds: [id] }]);
    // The day after tomorrow, still at 15:00 in Berlin (a daylight-saving change in between keeps the wall clock).
    const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const dayAfterTomorrow = berlin.format(new Date(Date.now() + 2 * 86_400_000)).slice(0, 10);
    expect(berlin.format(new Date((await kit.call('ivan', 'GET', `/tasks/${id}`)).body.dueAt))).toBe(`${dayAfterTomorrow}, 15:00`);
    const undated = await kit.chat('ivan', 'remove the due date from it', added.conversationId);
    expect(undated.reply).toBe('Updated "dentist". It has no due time now.');
    expect((await kit.call('ivan', 'GET', `/tasks/${id}`)).body).toMatchObject({ dueAt: null, reminders: [] });
    const shown = await kit.chat('ivan', 'show details of it', undated.conversationId);
    expect(shown.reply).toBe('"dentist"\nNot done yet.');
  });

  it('asks which task is meant when two match, remembers the question, and acts on the answer', async () => {
    const a = (await kit.call('carol', 'POST', '/tasks', { title: 'Dentist appointment' })).body;
    const b = (await kit.call('carol', 'POST', '/tasks', { title: 'Dentist bill' })).body;
    const asked = await kit.chat('carol', 'delete the dentist');
    expect(asked.actions).toEqual([{ kind: 'clarify', taskIds: expect.arrayContaining([a.id, b.id]) }]);
    expect(asked.reply).toMatch(/Which one/);
    expect(asked.reply).toMatch(/1\. "Dentist (appointment|bill)"\n2\. "Dentist (appointment|bill)"/);
    const second = asked.actions[0]!.taskIds![1]!;

    const answered = await kit.chat('carol', '2', asked.conversationId);
    expect(answered.actions).toEqual([{ kind: 'deleted', taskIds: [second] }]);
    expect((await kit.call('carol', 'GET', `/tasks/${second}`)).status).toBe(404);
    expect((await kit.call('carol', 'GET', `/tasks/${second === a.id ? b.id : a.id}`)).status).toBe(200);
  });

  it('keeps the conversation for a reload: GET /conversations and /conversations/{id}', async () => {
    const first = await kit.chat('dave', 'add renew passport');
    await kit.chat('dave', 'show my tasks', first.conversationId);
    const latest = await kit.call('dave', 'GET', '/conversations');
    expect(latest.body.items[0]).toMatchObject({ id: first.conversationId, title: 'add renew passport' });
    const history = await kit.call('dave', 'GET', `/conversations/${first.conversationId}`);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { role: string; text: string }) => [m.role, m.text.slice(0, 12)])).toEqual([
      ['user', 'add renew pa'],
      ['assistant', expect.any(String)],
      ['user', 'show my task'],
      ['assistant', expect.any(String)],
    ]);
    expect(history.body.messages[1].actions[0].kind).toBe('created');
  });
});

describe('what was done', () => {
  it('lists the tasks completed today, not the ones completed before or still pending', async () => {
    const shelf = await kit.chat('ruth', 'restock the dates shelf');
    await kit.chat('ruth', "that's done", shelf.conversationId);
    const boxes = (await kit.chat('ruth', 'fold the boxes')).tasks![0]!.id;
    await kit.chat('ruth', 'order more flour');
    // Completed yesterday: no request sets when a task was completed.
    await kit.call('ruth', 'POST', `/tasks/${boxes}/complete`);
    await kit.backdateCompletion(boxes, 1);

    const done = await kit.chat('ruth', 'what have I finished today?');
    expect(done.reply).toMatch(/^Your tasks completed today \(1\):\n1\. "restock the dates shelf"/);
    expect(done.reply).not.toMatch(/fold the boxes|order more flour/);
  });
});

describe('clearing completed tasks', () => {
  it('deletes the completed tasks and none of the pending ones', async () => {
    for (const title of ['old one', 'old two', 'still to do']) await kit.call('hank', 'POST', '/tasks', { title });
    const listed = await kit.chat('hank', 'show my tasks');
    await kit.chat('hank', 'complete 1 and 2', listed.conversationId);
    const cleared = await kit.chat('hank', 'clear completed', listed.conversationId);
    expect(cleared.reply).toBe('Cleared 2 completed tasks.');
    expect(cleared.actions).toEqual([{ kind: 'deleted', taskIds: expect.any(Array) }]);
    expect(await titles('hank', '&status=completed')).toEqual([]);
    expect(await titles('hank')).toEqual(['still to do']);
  });
});

describe('another user', () => {
  it('never sees or changes alice\'s tasks or conversations', async () => {
    const alice = await kit.chat('alice', 'add secret alice plan');
    const aliceTask = alice.tasks![0]!.id;
    const bobList = await kit.chat('bob', 'show my tasks');
    expect(bobList.actions[0]!.taskIds).not.toContain(aliceTask);
    expect(bobList.reply).not.toMatch(/secret alice plan/i);
    const bobDelete = await kit.chat('bob', 'delete secret alice plan', bobList.conversationId);
    expect(bobDelete.actions).toEqual([]);
    expect((await kit.call('alice', 'GET', `/tasks/${aliceTask}`)).status).toBe(200);

    expect((await kit.call('bob', 'GET', `/conversations/${alice.conversationId}`)).status).toBe(404);
    expect((await kit.call('bob', 'POST', '/chat', { message: 'show my tasks', conversationId: alice.conversationId })).status).toBe(404);
    expect((await kit.call('bob', 'GET', '/conversations')).body.items.map((c: { id: string }) => c.id)).not.toContain(alice.conversationId);
  });
});

describe('bad and hostile input', () => {
  it('stores and returns HTML as text, verbatim', async () => {
    const hostile = '<script>alert(1)</script>';
    const added = await kit.chat('erin', `add ${hostile}`);
    expect(added.tasks![0]!.title).toBe(hostile);
    expect(added.reply).toContain(hostile);
    const history = await kit.call('erin', 'GET', `/conversations/${added.conversationId}`);
    expect(history.headers.get('content-type')).toMatch(/^application\/json/);
    expect(history.body.messages[0].text).toBe(`add ${hostile}`);
  });

  it.each([
    ['a 5,000-character message', { message: 'a'.repeat(5_000) }, 422],
    ['a message one character over the limit', { message: `add ${'a'.repeat(MAX_MESSAGE_LENGTH - 3)}` }, 422],
    ['a NUL character', { message: 'add milk\u0000' }, 422],
    ['a lone surrogate', { message: 'add milk \ud83d' }, 422],
    ['a message that is not a string', { message: 42 }, 422],
    ['a blank message', { message: '   ' }, 422],
    ['an unknown field', { message: 'hi', colour: 'red' }, 422],
    ['a conversation id that is not a uuid', { message: 'hi', conversationId: '1; drop table' }, 422],
    ['an unknown time zone', { message: 'hi', timeZone: 'Mars/Olympus' }, 422],
    ['malformed JSON', '{"message":', 400],
  ])('answers %s with %i', async (_case, body, status) => {
    const response = await kit.call('erin', 'POST', '/chat', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses bad input before anything is written', async () => {
    const before = (await kit.call('gina', 'GET', '/conversations')).body.items.length;
    expect((await kit.call('gina', 'POST', '/chat', { message: 'add milk\u0000' })).status).toBe(422);
    expect((await kit.call('gina', 'POST', '/chat', { message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) })).status).toBe(422);
    expect((await kit.call('gina', 'GET', '/conversations')).body.items.length).toBe(before);
    expect(await titles('gina')).toEqual([]);
  });

  it('answers a message of exactly the limit in words, and keeps unicode whole', async () => {
    const atLimit = await kit.chat('gina', `add ${'a'.repeat(MAX_MESSAGE_LENGTH - 4)}`);
    expect(atLimit.reply).toMatch(/title is too long/);
    expect(atLimit.actions).toEqual([]);
    const emoji = await kit.chat('gina', `add ${'x'.repeat(75)}🎉🎈 party`);
    expect(emoji.tasks![0]!.title).toBe(`${'x'.repeat(75)}🎉🎈 party`);
    const title = (await kit.call('gina', 'GET', '/conversations')).body.items.find((c: { id: string }) => c.id === emoji.conversationId).title as string;
    expect(title).toBe(`add ${'x'.repeat(75)}🎉`);
  });

  it('answers at once a message written to stall the parser, and refuses too many tasks in words', async () => {
    const attacks: [string, RegExp][] = [
      [`complete 1${' and 1'.repeat(29)} …`, /^I couldn't find a task matching/],
      [`complete 1${' and 1'.repeat(329)}`, /^I have not shown you a list yet/],
      [`complete 1${' and 1'.repeat((MAX_MESSAGE_LENGTH - 12) / 6)} x`, /\(say which task\)/],
      [`complete ${Array.from({ length: MAX_TASKS_PER_MESSAGE + 1 }, (_, index) => index + 1).join(', ')}`, /\(that names 51 tasks; I take at most 50 in one message\)/],
    ];
    for (const [message, reply] of attacks) {
      expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      const started = performance.now();
      const answer = await kit.chat('ivy', message);
      // The exponential pattern took 36 s for the first message and longer than anyone waited for the others.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(answer.reply).toMatch(reply);
      expect(answer.actions).toEqual([]);
    }
  });

  it('answers 401 without a token and 404 for a conversation that does not exist', async () => {
    expect((await kit.call(null, 'POST', '/chat', { message: 'hi' })).status).toBe(401);
    expect((await kit.call(null, 'GET', '/conversations')).status).toBe(401);
    expect((await kit.call('erin', 'GET', '/conversations/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await kit.call('erin', 'GET', '/conversations/not-a-uuid')).status).toBe(404);
  });
});

describe('the page and local sign-in', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/styles.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s with a strict Content-Security-Policy', async (path, type) => {
    const response = await kit.call(null, 'GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never writes user data with innerHTML', async () => {
    const script = (await kit.call(null, 'GET', '/app.js')).body as string;
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('signs in locally with a token the API accepts', async () => {
    expect((await kit.call(null, 'GET', '/auth/config')).body).toEqual({ localSignIn: true });
    const signIn = await kit.call(null, 'POST', '/auth/local', { userId: 'frank' });
    expect(signIn.status).toBe(200);
    const tasks = await kit.call(null, 'GET', '/tasks', undefined, { authorization: `Bearer ${signIn.body.token}` });
    expect(tasks.status).toBe(200);
    expect((await kit.call(null, 'POST', '/auth/local', { userId: 'not ok!' })).status).toBe(422);
  });
});
