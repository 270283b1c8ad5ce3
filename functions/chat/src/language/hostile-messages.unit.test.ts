import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, parseMessage } from './parse-message';
import { MAX_TASKS_PER_MESSAGE } from './refs';

const context = { now: new Date('2026-05-06T10:00:00+02:00'), timeZone: 'Europe/Berlin' };

/** Generous for a loaded two-core CI machine; the patterns that backtracked took 0.3 s to hours here. */
const BOUND_MS = 50;

const repeated = (head: string, unit: string, times: number, tail = '') => `${head}${unit.repeat(times)}${tail}`;

/** `head`, then `unit` as often as fits, then `tail`: a message of (nearly) the maximum length. */
function atLimit(head: string, unit: string, tail = ''): string {
  const times = Math.floor((MAX_MESSAGE_LENGTH - head.length - tail.length) / unit.length);
  return repeated(head, unit, times, tail);
}

function distinctTags(head: string): string {
  let message = head;
  for (let index = 0; message.length + ` #t${index}`.length <= MAX_MESSAGE_LENGTH; index++) message += ` #t${index}`;
  return message;
}

/** Each message was written to make some pattern or loop of the parser do as much work as it can. */
const ATTACKS: [string, string][] = [
  ['"complete 1 and 1 …" 24 times, then a word', repeated('complete 1', ' and 1', 23, ' x')],
  ['"complete 1 and 1 …" 30 times, then an ellipsis', repeated('complete 1', ' and 1', 29, ' …')],
  ['"complete 1 and 1 …" 330 times', repeated('complete 1', ' and 1', 329)],
  ['"complete 1 and 1 …" 330 times, then a word', repeated('complete 1', ' and 1', 329, ' x')],
  ['"1 and 1 …" to the length limit', atLimit('complete 1', ' and 1', ' x')],
  ['numbers joined by ", and"', atLimit('complete 1', ', and 1', ' x')],
  ['numbers joined by commas without spaces', atLimit('complete 1', ',1', ' x')],
  ['numbers joined by "&"', atLimit('delete 1', ' & 1', ' x')],
  ['numbers joined by spaces', atLimit('complete 1', ' 1', ' x')],
  ['"#1 #1 …"', atLimit('complete #1', ' # 1', ' x')],
  ['"task 1 and task 1 …"', atLimit('mark task 1', ' and task 1', ' as done x')],
  ['"the 1st and the 1st …"', atLimit('complete the 1st', ' and the 1st', ' x')],
  ['"first, second, …"', atLimit('reopen first', ', second', ' x')],
  ['a run of digits', atLimit('complete ', '1')],
  ['a run of spaces', atLimit('complete', ' ', 'x')],
  ['a run of tabs and line breaks', atLimit('complete 1', '\t\n', 'and 2 x')],
  ['a run of commas', atLimit('complete 1', ',', 'x')],
  ['a run of full stops', atLimit('complete 1', '.', 'x')],
  ['a run of dashes', atLimit('complete', ' -', 'x')],
  ['a run of "and"', atLimit('complete', ' and', ' 1 x')],
  ['a run of "please"', atLimit('', 'please ', 'add x')],
  ['a run of ", thanks"-like endings', atLimit('add x', ' ,', ' nope')],
  ['"tomorrow" over and over', atLimit('add call bob', ' tomorrow')],
  ['"at 5pm" over and over', atLimit('add call bob', ' at 5pm')],
  ['bare numbers the date parser reads as times', atLimit('add x', ' 10')],
  ['"1 day" over and over', atLimit('add call bob', ' 1 day')],
  ['"1 day and" over and over, then "after"', atLimit('remind me 1 day', ' and 1 day', ' after x')],
  ['"half an hour" over and over', atLimit('add x in', ' half an hour', ' y')],
  ['"a couple of days" over and over', atLimit('move 1 to', ' a couple of days', ' z')],
  ['"1 hour 1 minute" over and over', atLimit('add x', ' 1 hour 1 minute')],
  ['weekdays joined by "and"', atLimit('add standup every monday', ' and monday')],
  ['days of the month', atLimit('pay rent on the 1st', ', 2nd', ' of every month')],
  ['"until june 1 1 1 …"', atLimit('add x every day until june', ' 1')],
  ['a tag over and over', atLimit('add buy milk', ' #a')],
  ['hundreds of different tags', distinctTags('add buy milk')],
  ['tags glued together, then a word', atLimit('tag 1 #a', '#a', ' x')],
  ['tags joined by ", and", then a word', atLimit('untag 1 #a', ', and #a', ' x')],
  ['a tag list joined by "and"', atLimit('show tasks tagged a', ' and a', ' x')],
  ['a tag list glued to "and"', atLimit('show tasks tagged a', 'anda', '!')],
  ['emoji', atLimit('add ', '😀')],
  ['emoji between spaces', atLimit('complete ', '😀 ', 'x')],
  ['durations joined by "and" before "before"', atLimit('remind me 1 day', ' and 1 day', ' before')],
  ['glued durations', atLimit('remind me 1d', '1d', ' before x')],
  ['reminder offsets without an end', atLimit('add x tomorrow remind me 1 day', ', 1 day', ' later')],
  ['dangling prepositions', atLimit('add x', ' on', ' y')],
  ['unclosed quotes', atLimit('add ', '"a')],
  ['"mark x x … as" nothing', atLimit('mark', ' x', ' as nothing')],
  ['"move x x … by" nothing', atLimit('move', ' x', ' by nothing')],
  ['"rename x x … into" something', atLimit('rename', ' x', ' into y')],
  ['"change x to x to …"', atLimit('change', ' x to', ' y')],
  ['a note full of colons', atLimit('note for 1', ':', 'x')],
  ['"remind me in in in …"', atLimit('remind me in', ' in', ' 5 minutes')],
  ['"every other other …"', atLimit('add x every', ' other', ' day')],
  ['"!high" over and over', atLimit('add x', ' !high')],
  ['"very very … urgent"', atLimit('add x,', ' very', ' urgent soon')],
  ['a search for many words', atLimit('find', ' a')],
  ['a list request with many words', atLimit('show', ' work', ' tasks')],
  ['"what reminders reminders …"', atLimit('what', ' reminders', ' 1')],
  ['"show alerts alerts …"', atLimit('show', ' alerts', ' 1')],
];

function fastestOfThree(message: string): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    parseMessage(message, context);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe('messages written to stall the parser', () => {
  beforeAll(() => {
    // Compiles the patterns first, so the bound measures matching and not the first use of a regexp.
    for (const message of ['add buy milk tomorrow at 5pm #shopping !high', 'complete 1, 2 and 3', 'move it to friday 9am', 'remind me 2 days before the dentist']) parseMessage(message, context);
  });

  it.each(ATTACKS)(`parses %s in under ${BOUND_MS} ms`, (_, message) => {
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(fastestOfThree(message)).toBeLessThan(BOUND_MS);
  });

  it('still reads the repeated number as one task', () => {
    expect(parseMessage(repeated('complete 1', ' and 1', 329), context)).toEqual({ kind: 'complete', targets: [{ kind: 'index', index: 1 }] });
  });

  it(`refuses a list of more than ${MAX_TASKS_PER_MESSAGE} tasks in words`, () => {
    const numbers = Array.from({ length: MAX_TASKS_PER_MESSAGE + 1 }, (_, index) => index + 1);
    expect(parseMessage(`complete ${numbers.join(', ')}`, context)).toEqual({ kind: 'unknown', reason: `that names ${numbers.length} tasks; I take at most ${MAX_TASKS_PER_MESSAGE} in one message` });
    expect(parseMessage(`complete ${numbers.slice(1).join(', ')}`, context)).toMatchObject({ kind: 'complete', targets: numbers.slice(1).map((index) => ({ kind: 'index', index })) });
  });

  it('refuses a message over the length limit in words', () => {
    expect(parseMessage(`complete ${'1 and '.repeat(MAX_MESSAGE_LENGTH)}`, context)).toEqual({ kind: 'unknown', reason: `that message is too long (${MAX_MESSAGE_LENGTH} characters at most)` });
  });
});
