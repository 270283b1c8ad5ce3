import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { converse } from './converse';
import { CALL, fakeClients } from './fake-clients';

const NOW = new Date('2026-05-01T08:00:00Z');

function given(tasks: Parameters<typeof fakeClients>[0] = []) {
  const fake = fakeClients(tasks);
  const deps: TurnDeps = { clients: fake.clients, call: CALL, userId: 'alice', now: NOW, timeZone: 'Europe/Berlin' };
  const titles = () => [...fake.tasks.values()].map((task) => `${task.title}:${task.status}`);
  return { ...fake, deps, titles };
}

async function chat(deps: TurnDeps, ...messages: string[]) {
  let state: ConversationState = {};
  let reply = '';
  for (const message of messages) ({ reply, state } = await converse(message, state, deps));
  return reply;
}

describe('a word that can be a command is one only when it names a task', () => {
  it.each([
    ['finish the quarterly report by friday', 'finish the quarterly report'],
    ['check the tyre pressure', 'check the tyre pressure'],
    ['trash out every thursday night', 'trash out'],
    ['drop off the parcel at the post office', 'drop off the parcel at the post office'],
  ])('"%s" with no such task adds "%s"', async (message, title) => {
    const { deps, titles } = given();
    expect(await chat(deps, message)).toMatch(/^Added /);
    expect(titles()).toEqual([`${title}:pending`]);
  });

  it('completes the task the words do name', async () => {
    const { deps, titles } = given([{ title: 'quarterly report' }]);
    expect(await chat(deps, 'finish the quarterly report')).toBe('Completed "quarterly report".');
    expect(titles()).toEqual(['quarterly report:completed']);
  });

  it.each(['delete the dentist', 'mark the taxes as done', 'remove milk from my list'])('"%s" with no such task says so and adds nothing', async (message) => {
    const { deps, titles } = given();
    expect(await chat(deps, message)).toMatch(/^I couldn't find a task matching/);
    expect(titles()).toEqual([]);
  });
});

describe('a message with no command and no question', () => {
  it.each(['buy eggs and bread', 'dentist', 'water the plants'])('"%s" is a task to add', async (message) => {
    const { deps, titles } = given();
    expect(await chat(deps, message)).toMatch(/^Added /);
    expect(titles()).toEqual([`${message}:pending`]);
  });

  it.each(["what's the weather tomorrow?", 'is it going to rain', 'tell me a joke', 'kaufe morgen Milch', 'купить молоко'])('"%s" is answered with what the chat can do, and adds nothing', async (message) => {
    const { deps, titles } = given();
    expect(await chat(deps, message)).toMatch(/I can add tasks/);
    expect(titles()).toEqual([]);
  });
});

describe('follow-ups about the task just discussed', () => {
  it('"actually make that next wednesday at 2pm" moves the task just added', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add book dentist', 'actually make that next wednesday at 2pm')).toMatch(/^Updated "book dentist" · due Wed, May 6, 2:00 PM/);
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['book dentist', '2026-05-06T14:00:00+02:00']]);
  });

  it('"and tag it #health" tags it; "make it urgent" raises it', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add book dentist', 'and tag it #health', 'oh and make it urgent');
    expect([...tasks.values()].map((task) => [task.title, task.tags, task.priority])).toEqual([['book dentist', ['health'], 'urgent']]);
  });

  it('"move it to monday" keeps the time of day it had; a time said wins', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'call the bank tomorrow at 7pm', 'move it to monday')).toMatch(/^Updated "call the bank" · due Mon, May 4, 7:00 PM/);
    expect([...tasks.values()][0]!.dueAt).toBe('2026-05-04T19:00:00+02:00');
    await chat(deps, 'call the bank tomorrow at 7pm', 'move it to tuesday 8am');
    expect([...tasks.values()][1]!.dueAt).toBe('2026-05-05T08:00:00+02:00');
  });

  it('answers its own question by words of one title: "the landlord one"', async () => {
    const { deps, titles } = given([{ title: 'call the landlord' }, { title: 'call the plumber' }]);
    let state: ConversationState = {};
    const asked = await converse('complete call', state, deps);
    expect(asked.reply).toMatch(/^Which one do you mean by "call"\?/);
    state = asked.state;
    expect((await converse('the landlord one', state, deps)).reply).toBe('Completed "call the landlord".');
    expect(titles()).toEqual(['call the landlord:completed', 'call the plumber:pending']);
  });
});
