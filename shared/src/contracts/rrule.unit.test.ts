import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Recurrence } from './recurrence';
import { rruleProblems, rruleSyntax } from './rrule';

const ACCEPTED = [
    'FREQ=DAILY',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
    'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO',
    'FREQ=YEARLY;BYYEARDAY=-1',
    'FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30',
    'FREQ=HOURLY;INTERVAL=4;BYHOUR=8,12,16',
    'FREQ=DAILY;COUNT=2',
    'FREQ=DAILY;UNTIL=20261231',
    'FREQ=DAILY;UNTIL=20261231T225959Z',
    'RRULE:FREQ=DAILY',
    'freq=weekly;byday=mo',
    'FREQ=MONTHLY;BYDAY=5MO',
    'FREQ=MONTHLY;BYDAY=-5FR;BYMONTH=2',
    'FREQ=YEARLY;BYDAY=53MO',
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17',
    'FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9',
    'FREQ=YEARLY;BYDAY=53TH',
    'FREQ=YEARLY;BYDAY=6MO',
    'FREQ=DAILY;',
    'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
    'FREQ=DAILY;UNTIL=20260510T210000z',
];

describe('an RRULE the system accepts', () => {
  it.each(ACCEPTED)('%s', (rrule) => {
    expect(rruleProblems(rrule)).toEqual([]);
  });
});

describe('the RRULE grammar an API description gives (rruleSyntax)', () => {
  const grammar = new RegExp(rruleSyntax(), 'u');

  it.each(ACCEPTED)('matches %s', (rrule) => {
    expect(grammar.test(rrule)).toBe(true);
  });

  it('matches every rule the system accepts, whatever the case of its parts', () => {
    const name = fc.constantFrom('FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'DTSTART');
    const value = fc.oneof(
      fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY', 'MO', 'MO,-1FR', '2TU', '1', '-1', '0,30', '12', '366', '20261231', '20261231T235959Z'),
      fc.stringMatching(/^[-+,0-9A-Za-z]{1,8}$/),
    );
    const part = fc.tuple(name, value, fc.boolean()).map(([key, text, lower]) => (lower ? `${key}=${text}`.toLowerCase() : `${key}=${text}`));
    const rule = fc.tuple(fc.constantFrom('', 'RRULE:'), fc.array(part, { minLength: 1, maxLength: 4 }), fc.constantFrom('', ';')).map(([prefix, parts, end]) => `${prefix}${parts.join(';')}${end}`);
    fc.assert(fc.property(rule, (rrule) => rruleProblems(rrule).length > 0 || grammar.test(rrule)), { numRuns: 2_000 });
  });

  it.each(['000000', 'FREQ=OFTEN', 'FREQ=DAILY;;', 'FREQ = DAILY', 'DTSTART=20260101'])('does not match %s', (rrule) => {
    expect(grammar.test(rrule)).toBe(false);
  });
});

describe('an RRULE the system refuses, saying why', () => {
  it.each([
    ['FREQ=SOMETIMES', 'FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY'],
    ['FREQ=MINUTELY', 'FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY'],
    ['BYDAY=MO', 'FREQ is required (FREQ=DAILY, FREQ=WEEKLY, ...)'],
    ['FREQ=DAILY;DTSTART=20260101T000000Z', 'DTSTART is not a supported rule part (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, WKST, BYSECOND, BYMINUTE, BYHOUR, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS)'],
    ['FREQ=DAILY;;BYHOUR=9', '"" is not a NAME=VALUE rule part'],
    ['FREQ=DAILY;;', '"" is not a NAME=VALUE rule part'],
    ['FREQ=DAILY;BYSECOND=60', 'BYSECOND must list seconds, 0 to 59'],
    ['FREQ=YEARLY;BYDAY=-53WE,16TH;BYSETPOS=2', 'a BYDAY position of ±53 cannot be combined with BYSETPOS'],
    ['FREQ=DAILY;BYDAY=MO;BYDAY=TU', 'BYDAY appears more than once'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL must be a whole number from 1 to 1000'],
    ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL must be a whole number from 1 to 1000'],
    ['FREQ=DAILY;COUNT=0', 'COUNT must be a whole number from 1 to 10000'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR must list hours, 0 to 23'],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE must list minutes, 0 to 59'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH must list months, 1 to 12'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY must list days of the month, 1 to 31 or -31 to -1'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY must list days of the month, 1 to 31 or -31 to -1'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY must list days of the year, 1 to 366 or -366 to -1'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY must list weekdays (MO,WE), each optionally with a position from ±1 to ±53 (-1FR, 2MO)'],
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY must list weekdays (MO,WE), each optionally with a position from ±1 to ±53 (-1FR, 2MO)'],
    ['FREQ=DAILY;WKST=XX', 'WKST must be a weekday: MO, TU, WE, TH, FR, SA or SU'],
    ['FREQ=DAILY;UNTIL=20270101T000000', 'UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z) that exists'],
    ['FREQ=DAILY;UNTIL=20270230', 'UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z) that exists'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=MONTHLY;BYWEEKNO=3', 'BYWEEKNO needs FREQ=YEARLY'],
    ['FREQ=DAILY;BYYEARDAY=100', 'BYYEARDAY cannot be used with FREQ=DAILY'],
    ['FREQ=WEEKLY;BYMONTHDAY=3', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'a BYDAY position (2MO, -1FR) needs FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO'],
    ['FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1', 'a BYDAY position (2MO, -1FR) cannot be combined with BYMONTHDAY'],
    ['FREQ=YEARLY;BYYEARDAY=2;BYMONTHDAY=1', 'BYYEARDAY cannot be combined with BYMONTHDAY'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYMONTH=1', 'BYWEEKNO cannot be combined with BYMONTH'],
    ['FREQ=YEARLY;BYWEEKNO=-1;INTERVAL=2', 'BYWEEKNO cannot be combined with an INTERVAL above 1'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'no month in BYMONTH has 30 days'],
    ['FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31', 'no month in BYMONTH has 31 days'],
    ['FREQ=DAILY;BYSETPOS=1', 'BYSETPOS needs another BY... part to pick from'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', 'BYSETPOS picks a position the rule never reaches (it gives at most 5 per month)'],
    ['FREQ=YEARLY;BYDAY=MO;BYSETPOS=-54', 'BYSETPOS picks a position the rule never reaches (it gives at most 53 per year)'],
    ['FREQ=DAILY;BYHOUR=9,17;BYSETPOS=3', 'BYSETPOS picks a position the rule never reaches (it gives at most 2 per day)'],
    ['FREQ=MONTHLY;BYDAY=-53MO', 'a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)'],
    ['FREQ=YEARLY;BYMONTH=2;BYDAY=6MO', 'a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)'],
    ['FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17', 'the rule names up to 530 times per year, more than 500; use a shorter FREQ or fewer BY... values'],
    [
      `FREQ=DAILY;BYHOUR=${Array.from({ length: 24 }, (_, hour) => hour).join(',')};BYMINUTE=${Array.from({ length: 60 }, (_, minute) => minute).join(',')}`,
      'the rule names up to 1440 times per day, more than 500; use a shorter FREQ or fewer BY... values',
    ],
  ])('%s', (rrule, problem) => {
    expect(rruleProblems(rrule)).toEqual([problem]);
  });

  it('names every problem at once', () => {
    expect(rruleProblems('FREQ=DAILY;INTERVAL=0;BYHOUR=99')).toEqual(['INTERVAL must be a whole number from 1 to 1000', 'BYHOUR must list hours, 0 to 23']);
  });
});

describe('the Recurrence schema', () => {
  it('reports each problem of the rule as an issue of the rrule field', () => {
    const result = z.safeParse(Recurrence, { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=0', timezone: 'Europe/Berlin' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['rrule', 'COUNT must be a whole number from 1 to 10000']]);
    expect(z.safeParse(Recurrence, { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', timezone: 'Europe/Berlin', from: 'completion' }).success).toBe(true);
  });
});
