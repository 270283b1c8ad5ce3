import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { readClarifyAnswer } from './clarify-answer';
import { CALL, fakeClients } from '../../test/fakes/fake-clients';
import { runIntent } from './run-intent';

const NOW = new Date('2026-05-01T08:00:00Z');

function given(tasks: Parameters<typeof fakeClients>[0] = []) {
  const fake = fakeClients(tasks);
  const deps: TurnDeps = { clients: fake.clients, call: CALL, userId: 'alice', now: NOW, timeZone: 'Europe/Berlin' };
  return { ...fake, deps };
}

describe('runIntent', () => {
  it('adds a task and remembers it as "it"', async () => {
    const { deps } = given();
    const turn = await runIntent({ kind: 'add', task: { title: 'Buy milk', dueAt: '2026-05-02T17:00:00+02:00', tags: ['shopping'], priority: 'high' } }, {}, deps);
    expect(turn.reply).toBe('Added "Buy milk" · due Sat, May 2, 5:00 PM · high · #shopping. I will remind you when it is due.');
    expect(turn.actions).toEqual([{ kind: 'created', taskIds: [turn.tasks[0]!.id] }]);
    expect(turn.state.lastTask).toEqual({ id: turn.tasks[0]!.id, title: 'Buy milk' });
  });

  it('lists as a numbered list that "complete 2" refers to', async () => {
    const { deps, tasks } = given([{ title: 'Alpha' }, { title: 'Beta' }, { title: 'Gamma' }]);
    const listed = await runIntent({ kind: 'list', filter: {}, label: '' }, {}, deps);
    expect(listed.reply).toBe('Your tasks (3):\n1. "Alpha"\n2. "Beta"\n3. "Gamma"');
    const completed = await runIntent({ kind: 'complete', targets: [{ kind: 'index', index: 2 }] }, listed.state, deps);
    expect(completed.reply).toBe('Completed "Beta".');
    expect([...tasks.values()].find((task) => task.title === 'Beta')!.status).toBe('completed');
  });

  it('keeps the last numbered list when a later list comes back empty', async () => {
    const { deps } = given([{ title: 'Alpha' }, { title: 'Beta' }]);
    const listed = await runIntent({ kind: 'list', filter: {}, label: 'tasks' }, {}, deps);
    const empty = await runIntent({ kind: 'list', filter: { status: 'completed' }, label: 'completed tasks' }, listed.state, deps);
    expect(empty.reply).toBe('No completed tasks.');
    const completed = await runIntent({ kind: 'complete', targets: [{ kind: 'index', index: 2 }] }, empty.state, deps);
    expect(completed.reply).toBe('Completed "Beta".');
  });

  it('clears the completed tasks and leaves the pending ones', async () => {
    const { deps, tasks } = given([{ title: 'Alpha', status: 'completed' }, { title: 'Beta' }, { title: 'Gamma', status: 'completed' }]);
    const cleared = await runIntent({ kind: 'clear-completed' }, {}, deps);
    expect(cleared.reply).toBe('Cleared 2 completed tasks.');
    expect(cleared.actions).toEqual([{ kind: 'deleted', taskIds: expect.arrayContaining([expect.any(String)]) }]);
    expect([...tasks.values()].map((task) => task.title)).toEqual(['Beta']);
    expect((await runIntent({ kind: 'clear-completed' }, cleared.state, deps)).reply).toBe('There are no completed tasks to clear.');
  });

  it('says how a new task repeats and when its reminders come', async () => {
    const { deps } = given();
    const turn = await runIntent(
      { kind: 'add', task: { title: 'Pay rent', dueAt: '2026-06-01T09:00:00+02:00', reminders: ['P2D', 'PT0S'], recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timezone: 'Europe/Berlin' } } },
      {},
      deps,
    );
    expect(turn.reply).toBe('Added "Pay rent" · due Mon, Jun 1, 9:00 AM · repeats every month on the 1st. I will remind you 2 days before and when it is due.');
  });

  it('moves a due time by an amount, and says so when there is no due time to move', async () => {
    const { deps, tasks } = given([{ title: 'Dentist', dueAt: '2026-05-04T13:00:00.000Z' }, { title: 'Someday' }]);
    const moved = await runIntent({ kind: 'update', target: { kind: 'title', text: 'dentist' }, changes: { shiftBy: 'P1D' } }, {}, deps);
    expect(moved.reply).toBe('Updated "Dentist" · due Tue, May 5, 3:00 PM.');
    expect([...tasks.values()][0]!.dueAt).toBe('2026-05-05T15:00:00+02:00');
    const none = await runIntent({ kind: 'update', target: { kind: 'title', text: 'someday' }, changes: { shiftBy: 'PT1H' } }, {}, deps);
    expect(none.reply).toBe('"Someday" has no due time to move; say when it is due, e.g. "move it to friday 9am".');
    expect(none.actions).toEqual([]);
  });

  it('takes the due time, the repetition or the reminders away', async () => {
    const { deps, tasks } = given([{ title: 'Standup', dueAt: '2026-05-04T07:00:00.000Z', reminders: ['PT0S'], recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' } }]);
    const target = { kind: 'title', text: 'standup' } as const;
    expect((await runIntent({ kind: 'update', target, changes: { recurrence: null } }, {}, deps)).reply).toBe('Updated "Standup" · due Mon, May 4, 9:00 AM. It no longer repeats.');
    expect((await runIntent({ kind: 'update', target, changes: { reminders: [] } }, {}, deps)).reply).toMatch(/I won't remind you about it\.$/);
    expect((await runIntent({ kind: 'update', target, changes: { dueAt: null } }, {}, deps)).reply).toBe('Updated "Standup". It has no due time now.');
    expect([...tasks.values()][0]).toMatchObject({ dueAt: null, reminders: [], recurrence: null });
  });

  it('shows one task in full', async () => {
    const { deps } = given([{ title: 'Pay rent', description: 'IBAN in the folder', dueAt: '2026-06-01T07:00:00.000Z', reminders: ['P2D'], tags: ['home'] }]);
    const turn = await runIntent({ kind: 'show', target: { kind: 'title', text: 'rent' } }, {}, deps);
    expect(turn.reply).toBe('"Pay rent" · due Mon, Jun 1, 9:00 AM · #home\nNote: IBAN in the folder\nReminders: 2 days before\nNot done yet.');
    expect(turn.state.lastTask).toMatchObject({ title: 'Pay rent' });
  });

  it('answers thanks without doing anything', async () => {
    const { deps } = given([{ title: 'Alpha' }]);
    const turn = await runIntent({ kind: 'thanks' }, {}, deps);
    expect(turn).toMatchObject({ reply: "You're welcome! Anything else?", actions: [], tasks: [] });
  });

  it('resolves the targets of "delete 1 and 3" before deleting any', async () => {
    const { deps, tasks } = given([{ title: 'Alpha' }, { title: 'Beta' }, { title: 'Gamma' }]);
    const listed = await runIntent({ kind: 'list', filter: {}, label: '' }, {}, deps);
    const deleted = await runIntent({ kind: 'delete', targets: [{ kind: 'index', index: 1 }, { kind: 'index', index: 3 }] }, listed.state, deps);
    expect(deleted.reply).toBe('Deleted "Alpha" and "Gamma".');
    expect([...tasks.values()].map((task) => task.title)).toEqual(['Beta']);
  });

  it('asks which task is meant when two match, and the answer completes the operation', async () => {
    const { deps, tasks } = given([{ title: 'Dentist appointment' }, { title: 'Dentist bill' }]);
    const asked = await runIntent({ kind: 'update', target: { kind: 'title', text: 'dentist' }, changes: { priority: 'urgent' } }, {}, deps);
    expect(asked.reply).toBe('Which one do you mean by "dentist"?\n1. "Dentist appointment"\n2. "Dentist bill"\nAnswer with a number.');
    expect(asked.actions[0]!.kind).toBe('clarify');
    const pending = asked.state.pending!;
    const choice = readClarifyAnswer('the second one', pending.candidates);
    expect(choice).toBe(1);
    const done = await runIntent(pending.intent, asked.state, deps, [...pending.resolved, pending.candidates[choice as number]!]);
    expect(done.reply).toMatch(/^Updated "Dentist bill" · urgent\.$/);
    expect([...tasks.values()].map((task) => [task.title, task.priority])).toEqual([
      ['Dentist appointment', 'medium'],
      ['Dentist bill', 'urgent'],
    ]);
  });

  it('prefers an exact title over a clarifying question', async () => {
    const { deps } = given([{ title: 'Call mom' }, { title: 'Call mom about dinner' }]);
    const turn = await runIntent({ kind: 'complete', targets: [{ kind: 'title', text: 'call mom' }] }, {}, deps);
    expect(turn.reply).toBe('Completed "Call mom".');
  });

  it('explains an unknown "it", a number without a list, and a title nothing matches', async () => {
    const { deps } = given([{ title: 'Alpha' }]);
    expect((await runIntent({ kind: 'update', target: { kind: 'it' }, changes: { priority: 'high' } }, {}, deps)).reply).toMatch(/not sure which task "it" is/);
    expect((await runIntent({ kind: 'complete', targets: [{ kind: 'index', index: 1 }] }, {}, deps)).reply).toMatch(/not shown you a list/);
    const state: ConversationState = { lastList: [{ id: 'x', title: 'X' }] };
    expect((await runIntent({ kind: 'complete', targets: [{ kind: 'index', index: 4 }] }, state, deps)).reply).toBe('The last list had 1 task; there is no number 4.');
    expect((await runIntent({ kind: 'delete', targets: [{ kind: 'title', text: 'zebra' }] }, {}, deps)).reply).toBe('I couldn\'t find a task matching "zebra".');
  });

  it('adds and removes tags on the current tag set', async () => {
    const { deps, tasks } = given([{ title: 'Alpha', tags: ['work', 'old'] }]);
    const [alpha] = [...tasks.values()];
    await runIntent({ kind: 'update', target: { kind: 'it' }, changes: { addTags: ['home'], removeTags: ['old'] } }, { lastTask: { id: alpha!.id, title: 'Alpha' } }, deps);
    expect(tasks.get(alpha!.id)!.tags).toEqual(['work', 'home']);
  });

  it('puts a relative reminder on the task and says when it fires', async () => {
    const { deps, tasks } = given([{ title: 'Pay rent', dueAt: '2026-06-01T07:00:00.000Z', reminders: ['PT0S'] }]);
    const turn = await runIntent({ kind: 'remind', target: { kind: 'title', text: 'rent' }, before: 'P3D' }, {}, deps);
    expect(turn.reply).toBe('I\'ll remind you about "Pay rent" 3 days before it is due (Fri, May 29, 9:00 AM).');
    expect([...tasks.values()][0]!.reminders).toEqual(['PT0S', 'P3D']);
  });

  it('answers gracefully when reminders and notifications are not running', async () => {
    const { deps } = given([{ title: 'Pay rent', dueAt: '2026-06-01T07:00:00.000Z' }]);
    expect((await runIntent({ kind: 'list-reminders' }, {}, deps)).reply).toBe('Reminders are not available right now; please try again later.');
    expect((await runIntent({ kind: 'list-notifications' }, {}, deps)).reply).toBe('Notifications are not available right now; please try again later.');
    expect((await runIntent({ kind: 'remind', target: { kind: 'title', text: 'rent' }, at: '2026-05-30T08:00:00Z' }, {}, deps)).reply).toBe(
      'Reminders are not available right now; please try again later.',
    );
  });
});

describe('readClarifyAnswer', () => {
  const candidates = [
    { id: 'a', title: 'Dentist appointment' },
    { id: 'b', title: 'Dentist bill' },
  ];
  it.each([
    ['1', 0],
    ['2.', 1],
    ['#2', 1],
    ['the first', 0],
    ['second one', 1],
    ['2nd', 1],
    ['the last one', 1],
    ['Dentist bill', 1],
    ['3', null],
    ['delete everything', null],
    ['never mind', 'cancel'],
  ])('reads %j as %j', (message, expected) => {
    expect(readClarifyAnswer(message, candidates)).toBe(expected);
  });
});
