import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit } from '../../test/chat-test-kit';
import { readEvents } from '../../test/live/sse-reader';

let kit: ChatKit;
beforeAll(async () => {
  kit = await startChatKit();
});
afterAll(() => kit?.stop());

/** Opens a stream as the page does: a ticket first (with the bearer token), then the stream with the ticket. */
async function openStream(userId: string) {
  const issued = await kit.call(userId, 'POST', '/stream/tickets');
  expect(issued.status).toBe(201);
  return fetch(`${kit.url}/stream?ticket=${issued.body.ticket}`);
}

describe('GET /stream in the running system', () => {
  it('receives the task events of its own user only, whichever way the change was made', async () => {
    const alice = readEvents(await openStream('alice'));
    const bob = readEvents(await openStream('bob'));
    await alice.waitFor((e) => e.event === 'ready');
    await bob.waitFor((e) => e.event === 'ready');

    const byRest = (await kit.call('alice', 'POST', '/tasks', { title: 'Live via REST' })).body;
    const created = await alice.waitFor((e) => e.event === 'task' && JSON.parse(e.data).task.id === byRest.id);
    expect(JSON.parse(created.data)).toMatchObject({ change: 'created', task: { title: 'Live via REST' } });

    const byChat = await kit.chat('alice', 'add live via chat');
    await alice.waitFor((e) => e.event === 'task' && JSON.parse(e.data).task.id === byChat.tasks![0]!.id);
    await kit.call('alice', 'POST', `/tasks/${byRest.id}/complete`);
    await alice.waitFor((e) => e.event === 'task' && JSON.parse(e.data).change === 'completed');

    await kit.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bob.events.filter((e) => e.event === 'task')).toEqual([]);
    await alice.cancel();
    await bob.cancel();
  });

  it('refuses a stream without a valid ticket or token, a spent ticket, and a token in the URL', async () => {
    expect((await fetch(`${kit.url}/stream`)).status).toBe(401);
    expect((await fetch(`${kit.url}/stream?access_token=${await kit.tokenFor('alice')}`)).status).toBe(401);
    expect((await fetch(`${kit.url}/stream?ticket=${'A'.repeat(43)}`)).status).toBe(401);
    const { ticket } = (await kit.call('alice', 'POST', '/stream/tickets')).body as { ticket: string };
    const first = readEvents(await fetch(`${kit.url}/stream?ticket=${ticket}`));
    await first.waitFor((e) => e.event === 'ready');
    expect((await fetch(`${kit.url}/stream?ticket=${ticket}`)).status).toBe(401);
    await first.cancel();
  });

  it('refuses a ticket after it expired', async () => {
    const { ticket } = (await kit.call('alice', 'POST', '/stream/tickets')).body as { ticket: string };
    await kit.expireStreamTickets();
    expect((await fetch(`${kit.url}/stream?ticket=${ticket}`)).status).toBe(401);
  });
});
