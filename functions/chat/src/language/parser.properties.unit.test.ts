import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { Recurrence } from '#shared/contracts/recurrence';
import { IsoDuration, Rfc3339 } from '#shared/contracts/time';
import type { Intent } from './intent';
import { parseMessage } from './parse-message';

const KINDS = new Set(['add', 'list', 'update', 'complete', 'reopen', 'delete', 'remind', 'list-reminders', 'list-notifications', 'clear-completed', 'show', 'help', 'greeting', 'thanks', 'unknown']);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'UTC'];

/** Words the parser gives a meaning to: title words in the property must avoid them. */
const RESERVED =
  /^(?:every|each|daily|weekly|monthly|yearly|annually|hourly|fortnightly|biweekly|weekdays?|weekends?|today|tonight|tomorrow|tomorow|tmrw|tonite|yesterday|now|noon|midnight|morning|evening|afternoon|night|next|this|last|until|till|through|before|after|from|since|week|month|year|day|days|hours?|minutes?|times|ago|later|asap|urgent|urgently|important|priority|remind|reminder|reminders|note|notes|description|details|due|starting|quarter|todo|task|item|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[a-z]*(?:st|nd|rd|th))$/i;

const titleWord = fc.stringMatching(/^[A-Za-z]{4,9}$/).filter((word) => !RESERVED.test(word));
const context = fc.record({
  now: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
  timeZone: fc.constantFrom(...ZONES),
});

const valid = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value).success;

describe('parseMessage properties', () => {
  it('adds a task whose title is exactly the plain words typed after "add"', () => {
    fc.assert(
      fc.property(fc.array(titleWord, { minLength: 1, maxLength: 6 }), context, (words, ctx) => {
        const title = words.join(' ');
        expect(parseMessage(`add ${title}`, ctx)).toEqual({ kind: 'add', task: { title } });
      }),
    );
  });

  it('lower-cases every #tag, whatever its case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/), titleWord, context, (tag, word, ctx) => {
        const intent = parseMessage(`add ${word} #${tag}`, ctx);
        expect(intent).toMatchObject({ kind: 'add', task: { title: word, tags: [tag.toLowerCase()] } });
      }),
      // A tag that ends like a time ("1p" is 1 pm in a sentence) stays the tag typed.
      { examples: [['a_1P', 'AAAa', { now: new Date('2025-01-01T00:00:00Z'), timeZone: 'Europe/Berlin' }]] },
    );
  });

  it('produces due times, reminders and repetitions the task API accepts, in any zone and at any moment', () => {
    const when = fc.constantFrom('', 'tomorrow', 'today', 'at 5pm', 'tomorrow at 9', 'next friday 3pm', 'on the 31st', 'in 2 hours', 'june 30', 'monday morning', 'tonight');
    const repeat = fc.constantFrom('', 'every day', 'every weekday', 'every other monday', 'monthly on the last friday', 'every 3 months until june', 'on the 1st of every month', 'every year on feb 29', 'every monday and wednesday', 'every 2 weeks', 'weekly', 'every 2nd tuesday', 'every 8 hours', 'first monday of every month');
    const reminder = fc.constantFrom('', 'remind me 2 days before', 'remind me an hour before and 10 minutes before', "remind me when it's due", 'no reminder');
    fc.assert(
      fc.property(titleWord, when, repeat, reminder, context, (word, date, rule, remind, ctx) => {
        const intent = parseMessage(`add ${word} ${date} ${rule} ${remind}`.replace(/\s+/g, ' '), ctx);
        expect(intent.kind).toBe('add');
        const { task } = intent as Extract<Intent, { kind: 'add' }>;
        expect(task.title).toBe(word);
        if (task.dueAt !== undefined) {
          expect(valid(Rfc3339, task.dueAt), task.dueAt).toBe(true);
          if (rule) expect(new Date(task.dueAt).getTime()).toBeGreaterThanOrEqual(ctx.now.getTime() - 60_000);
        }
        if (task.recurrence) expect(valid(Recurrence, task.recurrence), task.recurrence.rrule).toBe(true);
        for (const offset of task.reminders ?? []) expect(valid(IsoDuration, offset), offset).toBe(true);
        if (rule) expect(task.recurrence?.timezone).toBe(ctx.timeZone);
      }),
      { numRuns: 300 },
    );
  });

  it('reads "complete" with any list of numbers as those positions, in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(', ', ' and ', ' & ', ' '), (numbers, joiner) => {
        const intent = parseMessage(`complete ${numbers.join(joiner)}`, { now: new Date('2026-05-06T08:00:00Z'), timeZone: 'Europe/Berlin' });
        expect(intent).toEqual({ kind: 'complete', targets: numbers.map((index) => ({ kind: 'index', index })) });
      }),
    );
  });

  it('answers every input with a known intent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), context, (text, ctx) => {
        expect(KINDS.has(parseMessage(text, ctx).kind)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
