import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { converse } from './converse';
import { CALL, fakeClients } from '../../test/fakes/fake-clients';

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
    ['complete the online safety course', 'complete the online safety course'],
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

describe('corrections, completions and questions in people\'s words', () => {
  it('"actually the 27th" and "no wait 9:30" correct the task just added, keeping what was not said', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'renew car insurance on the 25th at 10am', 'actually the 27th');
    expect([...tasks.values()].map((task) => task.dueAt)).toEqual(['2026-05-27T10:00:00+02:00']);
    await chat(deps, 'ring the plumber tomorrow 9am', 'no wait 9:30');
    expect([...tasks.values()][1]!.dueAt).toBe('2026-05-02T09:30:00+02:00');
  });

  it('"make it 7 instead" takes the reading nearest the old time; "push it to the day after" moves a day', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'gym tomorrow 6am', 'make it 7 instead');
    expect([...tasks.values()][0]!.dueAt).toBe('2026-05-02T07:00:00+02:00');
    await chat(deps, 'pick up dry cleaning tomorrow', 'actually push it to the day after');
    expect([...tasks.values()][1]!.dueAt).toBe('2026-05-03T09:00:00+02:00');
  });

  it.each([
    ['clean the bbq', "that's done now", 'clean the bbq:completed'],
    ['pay the water bill', 'done, paid it', 'pay the water bill:completed'],
    ['return books to the library', 'I returned the books to the library, tick it off', 'return books to the library:completed'],
    ['pick up the cake', 'done with picking up the cake', 'pick up the cake:completed'],
  ])('after "%s", "%s" completes it', async (first, second, expected) => {
    const { deps, titles } = given();
    await chat(deps, first, second);
    expect(titles()).toEqual([expected]);
  });

  it.each(['scratch that', 'never mind, delete that', 'the class got cancelled, delete it'])('"%s" deletes the task just added', async (message) => {
    const { deps, titles } = given();
    await chat(deps, 'spin class thursday 7am', message);
    expect(titles()).toEqual([]);
  });

  it('completes several named tasks in one message', async () => {
    const { deps, titles } = given([{ title: 'do laundry' }, { title: 'wash the dishes' }]);
    expect(await chat(deps, 'finished do laundry and wash the dishes')).toBe('Completed "do laundry" and "wash the dishes".');
    expect(titles()).toEqual(['do laundry:completed', 'wash the dishes:completed']);
  });

  it('answers "when is my dentist appointment?" with the task, and "any home tasks?" with the tagged ones', async () => {
    const { deps, titles } = given([{ title: 'dentist', dueAt: '2026-05-08T15:00:00+02:00' }, { title: 'renew lease', tags: ['home'] }, { title: 'clean gutters' }]);
    expect(await chat(deps, 'when is my dentist appointment?')).toMatch(/"dentist" · due Fri, May 8, 3:00 PM/);
    const tagged = await chat(deps, 'any home tasks?');
    expect(tagged).toMatch(/renew lease/);
    expect(tagged).not.toMatch(/gutters/);
    expect(titles()).toHaveLength(3);
  });
});

describe('right after a task was discussed', () => {
  it('a bare value changes it: "by the 23rd", then "high priority too"', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'buy christmas ham', 'by the 23rd', 'high priority too');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt, task.priority])).toEqual([['buy christmas ham', '2026-05-23T09:00:00+02:00', 'high']]);
  });

  it('several changes at once: "tag it family and make it low priority"; "actually it doesn\'t need a date, no rush"', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'buy gift tomorrow', 'tag it family and make it low priority');
    expect([...tasks.values()].map((task) => [task.tags, task.priority])).toEqual([[['family'], 'low']]);
    await chat(deps, 'renew rego tomorrow', "actually it doesn't need a date, no rush");
    expect([...tasks.values()].map((task) => [task.dueAt ?? null, task.priority])[1]).toEqual([null, 'low']);
  });

  it('"change the time to 8am" keeps the day', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'grocery shopping saturday', 'change the time to 8am');
    expect([...tasks.values()][0]!.dueAt).toBe('2026-05-02T08:00:00+02:00');
  });

  it.each([
    ['buy notebooks', 'bought the notebooks'],
    ['pay internet bill', 'i already paid the internet bill'],
    ['call grandpa', 'called him already'],
  ])('after "%s", "%s" completes it', async (first, second) => {
    const { deps, titles } = given();
    await chat(deps, first, second);
    expect(titles()).toEqual([`${first}:completed`]);
  });
});

describe('a list of tasks on several lines', () => {
  it('adds each line as a task and numbers them, so "2 is done" completes the second', async () => {
    const { deps, titles } = given();
    let state: ConversationState = {};
    const added = await converse('add these:\n- water the tomatoes tuesday\n- buy compost wednesday\n- fix the fence friday', state, deps);
    expect(added.reply).toMatch(/^Added 3 tasks:\n1\. "water the tomatoes"/);
    state = added.state;
    expect((await converse('2 is done', state, deps)).reply).toBe('Completed "buy compost".');
    expect(titles()).toEqual(['water the tomatoes:pending', 'buy compost:completed', 'fix the fence:pending']);
  });
});

describe('more ways people say it', () => {
  it.each([
    ['gotta finish the logo drafts by friday', 'finish the logo drafts'],
    ['remember me to call the vet tomorrow', 'call the vet'],
    ['every saturday I clean the gutters', 'clean the gutters'],
    ['book the venue, is important', 'book the venue'],
  ])('"%s" is titled "%s"', async (message, title) => {
    const { deps, tasks } = given();
    await chat(deps, message);
    expect([...tasks.values()].map((task) => task.title)).toEqual([title]);
  });

  it('"not friday, saturday" and "the time is 9 in the morning" correct the task just added', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'dentist friday 3pm', 'not friday, saturday', 'the time is 9 in the morning');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['dentist', '2026-05-02T09:00:00+02:00']]);
  });

  it('"got it done" completes it; "call it \'send the proposal\' instead" renames it without the quotes', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'draft proposal', "call it 'send the proposal' instead");
    expect([...tasks.values()][0]!.title).toBe('send the proposal');
    await chat(deps, 'water plants', 'got it done');
    expect([...tasks.values()][1]!.status).toBe('completed');
  });
});

describe('everyday ways of pointing at tasks', () => {
  it('asks which one when two titles are equally close ("paid the bill"), and "the second" is the later due', async () => {
    const { deps, titles } = given([
      { title: 'pay water bill', dueAt: '2026-05-06T09:00:00+02:00' },
      { title: 'pay phone bill', dueAt: '2026-05-02T09:00:00+02:00' },
    ]);
    let state: ConversationState = {};
    let reply: string;
    ({ reply, state } = await converse('add buy stamps', state, deps));
    ({ reply, state } = await converse('paid the bill', state, deps));
    expect(reply).toBe('Which one do you mean by "pay the bill"?\n1. "pay phone bill"\n2. "pay water bill"\nAnswer with a number.');
    ({ reply } = await converse('the second', state, deps));
    expect(reply).toBe('Completed "pay water bill".');
    expect(titles()).toContain('pay water bill:completed');
    expect(titles()).toContain('pay phone bill:pending');
  });

  it('counts the tasks added in the conversation when no list was shown: "make the second one urgent"', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add prep for inspection tomorrow 8am', 'add prep for audit friday 8am', 'make the second one urgent')).toMatch(/^Updated "prep for audit"/);
    expect([...tasks.values()].map((task) => `${task.title}:${task.priority}`)).toEqual(['prep for inspection:medium', 'prep for audit:urgent']);
  });

  it('adds one task per clause when each starts with the same verb and names a day', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'call the landlord fri, call the plumber mon')).toMatch(/^Added 2 tasks:/);
    expect(titles()).toEqual(['call the landlord:pending', 'call the plumber:pending']);
  });

  it('adds each part of "add: A; B", and "ring X monday and ring Y tuesday" as two tasks, but "delete the bank task; my son did it" deletes one', async () => {
    const { deps, titles } = given([{ title: 'telephone the bank' }]);
    expect(await chat(deps, 'add: draft Q4 OKRs in 2 days; email Ravi the agenda in 4 days')).toMatch(/^Added 2 tasks:/);
    expect(await chat(deps, 'ring the plumber about the boiler on monday and ring the garage about the car on tuesday')).toMatch(/^Added 2 tasks:/);
    expect(await chat(deps, 'Please delete the task about the bank; my son has done it for me.')).toBe('Deleted "telephone the bank".');
    expect(titles()).toEqual(['draft Q4 OKRs:pending', 'email Ravi the agenda:pending', 'ring the plumber about the boiler:pending', 'ring the garage about the car:pending']);
  });

  it('adds "delete old photos off the ipad" when no task is named, but never "delete the dentist"', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'delete old photos off the ipad')).toBe('Added "delete old photos off the ipad".');
    expect(await chat(deps, 'delete the dentist')).toMatch(/^I couldn't find a task matching "dentist"/);
    expect(titles()).toEqual(['delete old photos off the ipad:pending']);
  });

  it('turns "remind me at 7am" into the offset before the task just added', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add vaccination clinic friday 8am', 'remind me at 7am')).toMatch(/^I'll remind you about "vaccination clinic" 1 hour before it is due/);
    expect([...tasks.values()][0]!.reminders).toEqual(['PT0S', 'PT1H']);
  });

  it('refuses a reminder after the due time, and says so', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add vaccination clinic friday 8am', 'remind me at 9am')).toMatch(/^That is after "vaccination clinic" is due/);
    expect([...tasks.values()][0]!.reminders).toEqual(['PT0S']);
  });

  it('lists the tasks without a due date', async () => {
    const { deps } = given([{ title: 'send invoice', dueAt: '2026-05-08T09:00:00+02:00' }, { title: 'update website', dueAt: null }]);
    const reply = await chat(deps, "which tasks don't have a due date?");
    expect(reply).toContain('update website');
    expect(reply).not.toContain('send invoice');
  });

  it('answers a message in another language with what it can do, and adds nothing', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'Me lembra de pagar o boleto amanhã às 10h')).toMatch(/only understand English/);
    expect(titles()).toEqual([]);
  });
});

describe('taking back and adjusting the last step', () => {
  it('"undo" reopens what was just completed, and adds again what was just deleted', async () => {
    const { deps, titles } = given();
    let state: ConversationState = {};
    let reply: string;
    ({ state } = await converse('add ship v2.3 friday 5pm #release', state, deps));
    ({ state } = await converse('done ship v2.3', state, deps));
    ({ reply, state } = await converse('undo', state, deps));
    expect(reply).toBe('Reopened "ship v2.3".');
    ({ state } = await converse('delete it', state, deps));
    expect(titles()).toEqual([]);
    ({ reply, state } = await converse('undo', state, deps));
    expect(reply).toBe('Restored "ship v2.3".');
    expect(titles()).toEqual(['ship v2.3:pending']);
    expect((await converse('undo', state, deps)).reply).toMatch(/^There is nothing to undo/);
  });

  it('"make it 20" right after a reminder changes its amount, not the due time', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add team sync tomorrow 11am', 'remind me 10 mins before', 'actually make it 20')).toBe('I\'ll remind you about "team sync" 20 minutes before it is due instead.');
    const task = [...tasks.values()][0]!;
    expect(task.reminders).toEqual(['PT0S', 'PT20M']);
    expect(task.dueAt).toBe('2026-05-02T11:00:00+02:00');
  });
});

describe('corrections that depend on the task', () => {
  it('"no, the 15th" about a task due 14 June moves it to 15 June, not to the next 15th from today', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add parent-teacher night on 14 June at 6:30pm', 'no, the 15th');
    expect([...tasks.values()][0]!.dueAt).toBe('2026-06-15T18:30:00+02:00');
  });

  it('"change it to the 20th" about a task due within the month ahead moves it to the next 20th from today', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add pay the gardener on june 1', 'change it to the 20th');
    expect([...tasks.values()][0]!.dueAt).toBe('2026-05-20T09:00:00+02:00');
  });

  it('"move swimming to wednesdays" changes the repetition and moves the due day onto it', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add swimming every tuesday at 4:15pm', 'move swimming to wednesdays');
    const task = [...tasks.values()][0]!;
    expect(task.recurrence?.rrule).toBe('FREQ=WEEKLY;BYDAY=WE');
    expect(task.dueAt).toBe('2026-05-06T16:15:00+02:00');
  });
});

describe('pasted emails', () => {
  it('reads the request inside an email and leaves the greeting, sign-off and signature out', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'Good morning,\n\nPlease add the following to my list: prepare talking points for the Acme QBR by Friday.\n\nBest regards,\nTom')).toMatch(/^Added "prepare talking points for the Acme QBR"/);
    expect(titles()).toEqual(['prepare talking points for the Acme QBR:pending']);
  });

  it('adds nothing for "can you summarise this email?" above a pasted email', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'can you summarise this email?\n\nHi Tom, please send the v3 deck by Friday and book the room. Thanks, Priya')).toMatch(/I can only answer questions about your tasks/);
    expect(titles()).toEqual([]);
  });
});

describe('naming a task by when it is due', () => {
  it('"delete the friday one", "move the monday one to 11am", "finished the 7am one"', async () => {
    const { deps, tasks } = given([
      { title: 'call Sam', dueAt: '2026-05-08T10:00:00+02:00' },
      { title: 'call Sam', dueAt: '2026-05-04T14:00:00+02:00' },
      { title: 'gym', dueAt: '2026-05-02T07:00:00+02:00' },
    ]);
    expect(await chat(deps, 'move the monday one to 11am')).toMatch(/^Updated "call Sam"/);
    expect(await chat(deps, 'finished the 7am one')).toBe('Completed "gym".');
    expect(await chat(deps, 'delete the friday one')).toBe('Deleted "call Sam".');
    expect([...tasks.values()].map((task) => `${task.title}:${task.status}:${task.dueAt}`)).toEqual(['call Sam:pending:2026-05-04T11:00:00+02:00', 'gym:completed:2026-05-02T07:00:00+02:00']);
  });
});

describe('several tasks in one message, as people list them', () => {
  it.each([
    ['tmrw: pick up scrubs from the cleaners, pay the nanny, buy lunch stuff', ['pick up scrubs from the cleaners', 'pay the nanny', 'buy lunch stuff'], 1],
    ['need to: book vet for Bella, pay water bill thursday, buy printer ink', ['book vet for Bella', 'pay water bill', 'buy printer ink'], 0],
    ['vet appt for Milo thurs 10am; vet appt for Luna fri 2pm', ['vet appt for Milo', 'vet appt for Luna'], 2],
    ['car MOT tmrw 9am and collect the kids at 3:30pm tmrw', ['car MOT', 'collect the kids'], 2],
    ['add two tasks: dentist appointment for Mia and dentist appointment for Leo', ['dentist appointment for Mia', 'dentist appointment for Leo'], 0],
  ])('"%s" adds each task', async (message, expected, dated) => {
    const { deps, tasks } = given();
    expect(await chat(deps, message)).toMatch(/^Added \d tasks:/);
    expect([...tasks.values()].map((task) => task.title)).toEqual(expected);
    expect([...tasks.values()].filter((task) => task.dueAt).length).toBeGreaterThanOrEqual(dated);
  });

  it('gives every task of a list the day its header names', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'tmrw: pick up scrubs from the cleaners, pay the nanny, buy lunch stuff');
    expect([...tasks.values()].map((task) => task.dueAt)).toEqual(Array(3).fill('2026-05-02T09:00:00+02:00'));
  });

  it('does not read two changes joined by "and" as two new tasks', async () => {
    const { deps, tasks } = given([{ title: 'dentist', dueAt: '2026-05-04T10:00:00+02:00' }]);
    expect(await chat(deps, 'move the dentist to monday and the gym to tuesday')).not.toMatch(/^Added 2 tasks/);
    expect([...tasks.values()].map((task) => task.title)).not.toContain('the gym to');
  });
});

describe('tasks named by their time, and things done to both', () => {
  it('"push my 3pm back an hour" moves the task due at 3pm', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'call with the bank tomorrow at 3pm', 'push my 3pm back an hour');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['call with the bank', '2026-05-02T16:00:00+02:00']]);
  });

  it('"collected both, mark them done" completes the two tasks just added', async () => {
    const { deps, titles } = given();
    await chat(deps, 'add collect prescription for dad tmrw', 'add collect parcel from the post office', 'collected both, mark them done');
    expect(titles()).toEqual(['collect prescription for dad:completed', 'collect parcel from the post office:completed']);
  });

  it('"mark the bill as paid" asks which bill, and "the phone one" answers it', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'add two tasks: pay the electricity bill, pay the phone bill', 'mark the bill as paid')).toMatch(/^Which one/);
    const { deps: again, titles: titlesAgain } = given();
    await chat(again, 'add two tasks: pay the electricity bill, pay the phone bill', 'mark the bill as paid', 'the phone one');
    expect(titles()).toEqual(['pay the electricity bill:pending', 'pay the phone bill:pending']);
    expect(titlesAgain()).toEqual(['pay the electricity bill:pending', 'pay the phone bill:completed']);
  });

  it('"remind me 1 hour before my 2pm call with Jonas tomorrow" adds the call with that reminder', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'remind me 1 hour before my 2pm call with Jonas tomorrow');
    const [task] = [...tasks.values()];
    expect([task?.title, task?.dueAt, task?.reminders]).toEqual(['call with Jonas', '2026-05-02T14:00:00+02:00', ['PT1H']]);
  });
});

describe('a reminder asked for before its task is named', () => {
  it('"remind me tomorrow" asks what about, and the answer is the task, due then', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'remind me tomorrow')).toBe('What should I remind you about?');
    await chat(deps, 'remind me tomorrow at 5pm', 'to renew the parking permit');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['renew the parking permit', '2026-05-02T17:00:00+02:00']]);
  });

  it('forgets the question when the next message is something else', async () => {
    const { deps, tasks } = given([{ title: 'dentist' }]);
    expect(await chat(deps, 'remind me at 5pm', 'what is due today?')).toMatch(/today/i);
    expect(tasks.size).toBe(1);
  });
});

describe('requests that name their task in the next message, and repeats without a date', () => {
  it('"can you add something for me?" asks what, and the answer is the task', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'can you add something for me?')).toBe('Sure — what should I add?');
    await chat(deps, 'can you add something for me?', 'chase Dave for the hall deposit');
    expect(titles()).toEqual(['chase Dave for the hall deposit:pending']);
  });

  it('"make that every 2 days" on a task without a due time repeats from the next default time (9:00, else 18:00 today)', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'water the hanging baskets', 'make that every 2 days');
    const [task] = [...tasks.values()];
    expect([task?.recurrence?.rrule, task?.dueAt]).toEqual(['FREQ=DAILY;INTERVAL=2', '2026-05-01T18:00:00+02:00']);
  });

  it('reads "add these" above a list as its header, not as a task', async () => {
    const { deps, titles } = given();
    await chat(deps, 'add these\n- call Dr Patel about the test results\n- call the pharmacy');
    expect(titles()).toEqual(['call Dr Patel about the test results:pending', 'call the pharmacy:pending']);
  });

  it('"change friday to saturday" moves the task just added and keeps its time', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'surf lesson friday at 8am', 'change friday to saturday');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['surf lesson', '2026-05-02T08:00:00+02:00']]);
  });
});

describe('naming the task in other words', () => {
  it('"I have called the landlord, tick it off" completes the landlord task, not the one just added', async () => {
    const { deps, titles } = given();
    await chat(deps, 'call the landlord tomorrow at 10am', 'pay the cable subscription on friday', 'I have called the landlord, tick it off');
    expect(titles()).toEqual(['call the landlord:completed', 'pay the cable subscription:pending']);
  });

  it('"got the tape, tick it off" completes the task just discussed when no title mentions tape', async () => {
    const { deps, titles } = given();
    await chat(deps, 'pick up packing supplies', 'got the tape, tick it off');
    expect(titles()).toEqual(['pick up packing supplies:completed']);
  });

  it('"move the appointment to 4pm" finds the dentist', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add dentist at 3pm on monday', 'add buy groceries tomorrow', 'move the appointment to 4pm');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([
      ['dentist', '2026-05-04T16:00:00+02:00'],
      ['buy groceries', '2026-05-02T09:00:00+02:00'],
    ]);
  });

  it('"it\'s the vet not the dentist" and "it\'s John not Jhon" correct a word of the title', async () => {
    const { deps, titles } = given();
    await chat(deps, 'add dentist appointment tuesday at 3pm', "actually it's the vet not the dentist");
    await chat(deps, 'add call Jhon about the car', "sorry, it's John not Jhon");
    expect(titles()).toEqual(['vet appointment:pending', 'call John about the car:pending']);
  });

  it('"I want to rename it" asks for the new title and takes the next message', async () => {
    const { deps, titles } = given();
    expect(await chat(deps, 'add vet appointment thursday at 9am', 'I want to rename it')).toBe('What should I call "vet appointment" instead?');
    await chat(deps, 'add vet appointment thursday at 9am', 'I want to rename it', 'Vet check-up for Max');
    expect(titles()).toEqual(['vet appointment:pending', 'Vet check-up for Max:pending']);
  });

  it('"change my 3pm on Friday to 4:30" moves the task due then', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'haircut friday at 3pm', 'call Jo on friday at 5pm', 'change my 3pm on Friday to 4:30');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([
      ['haircut', '2026-05-01T16:30:00+02:00'],
      ['call Jo', '2026-05-01T17:00:00+02:00'],
    ]);
  });

  it('"is the dentist still on the 15th?" answers with the task and its day', async () => {
    const { deps } = given();
    expect(await chat(deps, 'add dentist on 15 June at 3pm', 'move it to the 17th', 'is the dentist still on the 15th?')).toMatch(/dentist.*17/s);
  });

  it('"no wait, every saturday" right after "every sunday" moves the task to the coming saturday', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'add water the plants every sunday at 9am', 'no wait, every saturday');
    const [task] = [...tasks.values()];
    expect([task?.recurrence?.rrule, task?.dueAt]).toEqual(['FREQ=WEEKLY;BYDAY=SA', '2026-05-02T09:00:00+02:00']);
  });
});

describe('reminders and answers as busy people give them', () => {
  it('a new task with reminders but no due time is added, and the chat asks for the time instead of failing', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'add water the plants, remind me an hour before')).toMatch(/^Added "water the plants"\. Say when it is due/);
    expect([...tasks.values()].map((task) => task.reminders)).toEqual([[]]);
  });

  it('"set a reminder 1 hour before" reminds about the task just added', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'dentist tuesday 2:30pm', 'set a reminder 1 hour before');
    expect([...tasks.values()][0]!.reminders).toContain('PT1H');
  });

  it('"Leo\'s" answers "which one?" with the task for Leo', async () => {
    const { deps, titles } = given();
    await chat(deps, 'book dentist for Ana\nbook dentist for Leo', 'remove the dentist task', "Leo's");
    expect(titles()).toEqual(['book dentist for Ana:pending']);
  });

  it('"remind me about the parent-teacher meeting thursday 6pm, the day before" adds it with a reminder the day before', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'remind me about the parent-teacher meeting thursday 6pm, the day before');
    const [task] = [...tasks.values()];
    expect([task?.title, task?.dueAt, task?.reminders]).toEqual(['the parent-teacher meeting', '2026-05-07T18:00:00+02:00', ['P1D']]);
  });
});

describe('a list announced with "put two things on my list:"', () => {
  it('adds each, each on its own day', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'put two things on my list: dentist for Emma friday, dentist for Jack monday');
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([
      ['dentist for Emma', '2026-05-01T18:00:00+02:00'],
      ['dentist for Jack', '2026-05-04T09:00:00+02:00'],
    ]);
  });
});

describe('follow-ups said the way people finish a thought', () => {
  it('"change the tag to #music" replaces the tag of the task just added', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'choir thursday 7pm #church', 'change the tag to #music');
    expect([...tasks.values()].map((task) => [task.title, task.tags])).toEqual([['choir', ['music']]]);
  });

  it('"remind me 3 days before at 10am" adds that one reminder to the task just added', async () => {
    const { deps, tasks } = given();
    expect(await chat(deps, 'renew the car insurance on 20 may', 'remind me 3 days before at 10am')).toMatch(/^I'll remind you about "renew the car insurance"/);
    expect([...tasks.values()].map((task) => [task.title, task.reminders])).toEqual([['renew the car insurance', ['PT0S', 'PT71H']]]);
  });

  it('"forget the hedges, the gardener\'s doing it" deletes the hedges and adds nothing', async () => {
    const { deps, titles } = given([{ title: 'trim the hedges' }, { title: 'mow the lawn' }]);
    expect(await chat(deps, "forget the hedges, the gardener's doing it")).toBe('Deleted "trim the hedges".');
    expect(titles()).toEqual(['mow the lawn:pending']);
  });

  it('"which of my tasks repeat?" lists only the repeating ones', async () => {
    const { deps } = given([{ title: 'water the plants', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA', timezone: 'Europe/Berlin' } }, { title: 'buy a kettle' }]);
    const reply = await chat(deps, 'which of my tasks repeat?');
    expect(reply).toMatch(/water the plants/);
    expect(reply).not.toMatch(/kettle/);
  });

  it.each(['3:30 actually', 'hmm, better make it 3:30pm instead', 'would you mind moving it to 3:30pm?'])('"%s" moves the task just added and adds nothing', async (message) => {
    const { deps, tasks } = given();
    await chat(deps, 'pick up the kids sunday at 3pm', message);
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([['pick up the kids', '2026-05-03T15:30:00+02:00']]);
  });
});

describe('reminders moved and placed the way people mean them', () => {
  it('"make that an hour before" moves the reminder just set, not the task', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'take the cat to the vet saturday 10:30am', 'remind me 45 minutes before', 'actually make that an hour before');
    expect([...tasks.values()].map((task) => [task.dueAt, task.reminders])).toEqual([['2026-05-02T10:30:00+02:00', ['PT0S', 'PT1H']]]);
  });

  it('"remind me 2 hours before instead" replaces the one reminder the new task was given', async () => {
    const { deps, tasks } = given();
    await chat(deps, 'vet for Bruno on saturday at 10am, remind me 1 hour before', 'actually remind me 2 hours before instead');
    expect([...tasks.values()].map((task) => task.reminders)).toEqual([['PT2H']]);
  });

  it('"remind me on the 10th at noon" about a task due in March 2031 is the 10th of that March', async () => {
    const { deps } = given();
    const scheduled: (string | undefined)[] = [];
    deps.clients.reminders = {
      list: async () => [],
      schedule: async (_call, request) => {
        scheduled.push(request.remindAt);
        return { id: 'r1', taskId: request.taskId, remindAt: request.remindAt ?? '', status: 'scheduled' };
      },
    };
    await chat(deps, 'book the venue by 12 march 2031 5pm', 'remind me on the 10th at noon');
    expect(scheduled).toEqual(['2031-03-10T12:00:00+01:00']);
  });

  it('"delete old customer emails" with no such task adds it, "remove milk from my list" does not', async () => {
    const { deps, titles } = given();
    await chat(deps, 'delete old customer emails', 'remove milk from my list');
    expect(titles()).toEqual(['delete old customer emails:pending']);
  });

  it('"Marcus came by and collected it, so that\'s done" completes the task just discussed', async () => {
    const { deps, titles } = given();
    await chat(deps, 'return the drill to Marcus saturday', "Marcus came by and collected it, so that's done");
    expect(titles()).toEqual(['return the drill to Marcus:completed']);
  });
});

describe('whole sentences with a reason or a change beside the request', () => {
  it.each([
    ['Please add printer toner and A4 paper for the front office; we are almost out of both.', 'printer toner and A4 paper for the front office', null],
    ["Please add a task to prepare the slides for Tuesday's board meeting; I'd like it due this Friday at 3pm.", "prepare the slides for Tuesday's board meeting", '2026-05-01T15:00:00+02:00'],
    ['Could you add a task to check the first-aid kits on Saturday? The inspector visits the week after.', 'check the first-aid kits', '2026-05-02T09:00:00+02:00'],
  ])('"%s" adds one task', async (message, title, dueAt) => {
    const { deps, tasks } = given();
    await chat(deps, message);
    expect([...tasks.values()].map((task) => [task.title, task.dueAt])).toEqual([[title, dueAt]]);
  });

  it('"I\'ve dropped off the parcel, so you can mark that one done" completes the parcel, not the task added after it', async () => {
    const { deps, titles } = given();
    await chat(deps, 'drop off the parcel at the post office tomorrow', 'pick up the dry cleaning on saturday', "I've dropped off the parcel, so you can mark that one done.");
    expect(titles()).toEqual(['drop off the parcel at the post office:completed', 'pick up the dry cleaning:pending']);
  });
});
