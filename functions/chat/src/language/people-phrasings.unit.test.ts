import { describe, expect, it } from 'vitest';
import type { Intent } from './intent';
import { parseMessage } from './parse-message';

// Friday 2026-05-01, 10:00 in Berlin.
const context = { now: new Date('2026-05-01T08:00:00Z'), timeZone: 'Europe/Berlin' };
const added = (message: string) => {
  const intent: Intent = parseMessage(message, context);
  if (intent.kind !== 'add') throw new Error(`"${message}" was read as ${JSON.stringify(intent)}`);
  return intent.task;
};

describe('several weekdays, and weekdays in the plural', () => {
  it('"gym every mon wed fri at 6:30am" repeats on the three days at 6:30', () => {
    const task = added('gym every mon wed fri at 6:30am');
    expect(task.title).toBe('gym');
    expect(task.recurrence!.rrule).toMatch(/FREQ=WEEKLY;BYDAY=MO,WE,FR/);
    expect(task.dueAt).toBe('2026-05-04T06:30:00+02:00');
  });

  it('"yoga every tue/thu 7pm" and "mondays and wednesdays"', () => {
    expect(added('yoga every tue/thu 7pm').recurrence!.rrule).toMatch(/BYDAY=TU,TH/);
    expect(added('piano lesson mondays and wednesdays at 5pm').recurrence!.rrule).toMatch(/BYDAY=MO,WE/);
  });

  it('"weekly 1:1 with Priya on thursdays at 2pm" repeats on Thursdays, not on the day it was said', () => {
    const task = added('weekly 1:1 with Priya on thursdays at 2pm');
    expect(task.recurrence!.rrule).toMatch(/FREQ=WEEKLY;BYDAY=TH/);
    expect(task.dueAt).toBe('2026-05-07T14:00:00+02:00');
  });

  it('"add trash out every thursday night" is Thursdays in the evening', () => {
    const task = added('add trash out every thursday night');
    expect(task.title).toBe('trash out');
    expect(task.dueAt).toBe('2026-05-07T18:00:00+02:00');
  });
});

describe('typos and abbreviations people type', () => {
  it('"rmind me to pay the gas bill tomorow"', () => {
    const task = added('rmind me to pay the gas bill tomorow');
    expect(task.title).toBe('pay the gas bill');
    expect(task.dueAt).toMatch(/^2026-05-02T/);
  });

  it('"dentist nxt friday 3pm", "call mom tmw"', () => {
    expect(added('dentist nxt friday 3pm')).toMatchObject({ title: 'dentist', dueAt: '2026-05-08T15:00:00+02:00' });
    expect(added('call mom tmw').dueAt).toMatch(/^2026-05-02T/);
  });
});

describe('priority and tag conventions', () => {
  it.each([
    ['call the bank !!', 'call the bank', 'high'],
    ['fix the roof !!!', 'fix the roof', 'urgent'],
    ['water the plants p1', 'water the plants', 'urgent'],
    ['sort the photos p4', 'sort the photos', 'low'],
    ['clean the garage, not urgent', 'clean the garage', 'low'],
    ['renew passport urgent', 'renew passport', 'urgent'],
  ])('"%s" → "%s", %s', (message, title, priority) => {
    expect(added(message)).toMatchObject({ title, priority });
  });

  it('"buy paint tagged home", "book flights tagged travel and work"', () => {
    expect(added('buy paint tagged home')).toMatchObject({ title: 'buy paint', tags: ['home'] });
    expect(added('book flights tagged travel and work')).toMatchObject({ title: 'book flights', tags: ['travel', 'work'] });
  });
});

describe('date words inside titles', () => {
  it('"email Ravi about the march on monday" keeps "the march" in the title', () => {
    expect(added('email Ravi about the march on monday')).toMatchObject({ title: 'email Ravi about the march', dueAt: '2026-05-04T09:00:00+02:00' });
  });

  it('"prepare slides for Monday\'s meeting by thursday" keeps the possessive', () => {
    expect(added("prepare slides for Monday's meeting by thursday")).toMatchObject({ title: "prepare slides for Monday's meeting", dueAt: '2026-05-07T09:00:00+02:00' });
  });
});

describe('reminders as asked, no more', () => {
  it('"… remind me an hour before and 15 minutes before" gives exactly those two ("and" is no "an d")', () => {
    expect(added('dentist friday 3pm, remind me an hour before and 15 minutes before').reminders).toEqual(['PT1H', 'PT15M']);
  });

  it('as a follow-up it sets the reminders of the task just discussed', () => {
    expect(parseMessage('remind me an hour before and 15 minutes before', context)).toEqual({ kind: 'update', target: { kind: 'it' }, changes: { reminders: ['PT1H', 'PT15M'] } });
  });
});

describe('"this week" on a Sunday', () => {
  it('is the week ahead, through next Sunday', () => {
    const sunday = { now: new Date('2026-12-06T10:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(parseMessage("what's due this week", sunday)).toMatchObject({ kind: 'list', filter: { dueAfter: '2026-12-06T00:00:00+01:00', dueBefore: '2026-12-14T00:00:00+01:00' } });
  });
});

describe('polite and spoken phrasings', () => {
  it('"half past nine", "quarter to ten" are clock times', () => {
    expect(added('flu jab friday at half past nine').dueAt).toBe('2026-05-08T09:30:00+02:00');
    expect(added('team call monday quarter to ten').dueAt).toBe('2026-05-04T09:45:00+02:00');
  });

  it('"add a note for me to …" and "be so kind as to put down that I have …" leave only the task', () => {
    expect(added('Could you please add a note for me to telephone the council on Wednesday at 10am').title).toBe('telephone the council');
    expect(added('Would you be so kind as to put down that I have my flu jab at the chemist on Friday').title).toBe('have my flu jab at the chemist');
  });

  it('"the fishing trip\'s off, delete it" deletes the fishing trip, not the last task', () => {
    expect(parseMessage("the fishing trip's off, delete it", context)).toEqual({ kind: 'delete', targets: [{ kind: 'title', text: 'fishing trip' }] });
  });
});

describe('titles that keep their own words', () => {
  it.each([
    ['tomorrow i have english class at 6 pm', 'english class'],
    ['invoice Mueller GmbH for November work in 2 weeks', 'invoice Mueller GmbH for November work'],
    ['ship the release thu', 'ship the release'],
    ["dentist for my son on day 18 at 3 pm", 'dentist for my son'],
  ])('"%s" → "%s"', (message, title) => {
    expect(added(message).title).toBe(title);
  });

  it('a quoted new title may hold an apostrophe', () => {
    expect(parseMessage("call it 'collect dad's glasses' instead", context)).toEqual({ kind: 'update', target: { kind: 'it' }, changes: { title: "collect dad's glasses" } });
  });

  it('"it got cancelled, remove it" and "ok i bought it, is done" act on the task just discussed', () => {
    expect(parseMessage('it got cancelled, remove it', context)).toEqual({ kind: 'delete', targets: [{ kind: 'it' }] });
    expect(parseMessage('ok i bought it, is done', context)).toEqual({ kind: 'complete', targets: [{ kind: 'it' }] });
  });
});

describe('right after a task: corrections and short follow-ups', () => {
  const after = { ...context, followsTask: true };
  it.each([
    ['I do apologise, I meant Tuesday.', { dueAt: '2026-05-05T09:00:00+02:00', keepTimeOfDay: true }],
    ['push it a day', { shiftBy: 'P1D' }],
    ["sorry it's 10:00 not 09:00", { timeOfDay: { hour: 10, minute: 0, eitherHalf: true } }],
    ['it only needs to happen once', { recurrence: null }],
    ['no wait, medium', { priority: 'medium' }],
    ['remove the tag', { tags: [] }],
    ['tag #infra', { addTags: ['infra'] }],
  ])('"%s"', (message, changes) => {
    expect(parseMessage(message, after)).toEqual({ kind: 'update', target: { kind: 'it' }, changes });
  });

  it('"got the tape, tick it off" completes the task about the tape (else it); "changelog\'s done" completes the changelog', () => {
    expect(parseMessage('got the tape, tick it off', after)).toEqual({ kind: 'complete', targets: [{ kind: 'title', text: 'tape', orIt: true }] });
    expect(parseMessage("changelog's done", after)).toEqual({ kind: 'complete', targets: [{ kind: 'title', text: 'changelog' }] });
  });
});

describe('dates written other ways', () => {
  it.each([
    ['pay rent 23.12.', '2026-12-23T09:00:00+01:00'],
    ['standup 16h tomorrow', '2026-05-02T16:00:00+02:00'],
    ['leave before 0700 monday', '2026-05-04T07:00:00+02:00'],
    ['print the sunday school rota thursday', '2026-05-07T09:00:00+02:00'],
  ])('"%s" is due %s', (message, dueAt) => {
    expect(added(message).dueAt).toBe(dueAt);
  });
});
