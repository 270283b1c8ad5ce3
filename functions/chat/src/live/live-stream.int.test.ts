import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit } from '../chat-test-kit';
import { readEvents } from './sse-reader';

let kit: ChatKit;
beforeAll(async () => {
  kit = await startChatKit();
});
afterAll(() => kit?.stop());

describe('GET /stream in the running system', () => {
  it('receives the task events of its own user only, whichever way the change was made', async () => {
    const alice = readEvents(await fetch(`${kit.url}/stream?access_token=${await kit.tokenFor('alice')}`));
    const bob = readEvents(await fetch(`${kit.url}/stream?access_token=${await kit.tokenFor('bob')}`));
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

  it('refuses a stream without a valid token', async () => {
    expect((await fetch(`${kit.url}/stream`)).status).toBe(401);
    expect((await fetch(`${kit.url}/stream?access_token=nope`)).status).toBe(401);
  });
});
