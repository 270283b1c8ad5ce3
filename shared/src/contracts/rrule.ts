const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'] as const;
type Freq = (typeof FREQS)[number];

/** The numeric list parts: smallest and largest value, and whether a negative value (from the end) is allowed. */
const NUMBER_LISTS: Record<string, { min: number; max: number; signed: boolean; what: string }> = {
  // RFC 5545 allows 60 (a leap second), which no clock here can name.
  BYSECOND: { min: 0, max: 59, signed: false, what: 'seconds' },
  BYMINUTE: { min: 0, max: 59, signed: false, what: 'minutes' },
  BYHOUR: { min: 0, max: 23, signed: false, what: 'hours' },
  BYMONTHDAY: { min: 1, max: 31, signed: true, what: 'days of the month' },
  BYYEARDAY: { min: 1, max: 366, signed: true, what: 'days of the year' },
  BYWEEKNO: { min: 1, max: 53, signed: true, what: 'ISO weeks' },
  BYMONTH: { min: 1, max: 12, signed: false, what: 'months' },
  BYSETPOS: { min: 1, max: 366, signed: true, what: 'positions' },
};
const PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST', ...Object.keys(NUMBER_LISTS)]);
const WEEKDAY = /^(MO|TU|WE|TH|FR|SA|SU)$/;
const BYDAY_ITEM = /^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PERIOD: Record<Freq, string> = { YEARLY: 'year', MONTHLY: 'month', WEEKLY: 'week', DAILY: 'day', HOURLY: 'hour' };
const MAX_INTERVAL = 1000;
const MAX_COUNT = 10_000;
/** At most how many instants one period may name; more is never a to-do, and every one costs the search time. */
export const MAX_INSTANTS_PER_PERIOD = 500;

type Parts = Map<string, string>;
const list = (parts: Parts, name: string) => parts.get(name)?.split(',') ?? [];
const numbers = (parts: Parts, name: string) => list(parts, name).map(Number);

function valueProblem(name: string, value: string): string | null {
  if (name === 'FREQ') return (FREQS as readonly string[]).includes(value) ? null : `FREQ must be one of ${FREQS.join(', ')}`;
  if (name === 'INTERVAL' || name === 'COUNT') {
    const max = name === 'INTERVAL' ? MAX_INTERVAL : MAX_COUNT;
    return /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= max ? null : `${name} must be a whole number from 1 to ${max}`;
  }
  if (name === 'UNTIL') {
    const match = UNTIL.exec(value);
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = match ?? [];
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    const real = match && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
    return real ? null : 'UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z) that exists';
  }
  if (name === 'WKST') return WEEKDAY.test(value) ? null : 'WKST must be a weekday: MO, TU, WE, TH, FR, SA or SU';
  if (name === 'BYDAY') {
    const ok = value.split(',').every((item) => {
      const ordinal = BYDAY_ITEM.exec(item)?.[2];
      return BYDAY_ITEM.test(item) && (ordinal === undefined || (Number(ordinal) >= 1 && Number(ordinal) <= 53));
    });
    return ok ? null : 'BYDAY must list weekdays (MO,WE), each optionally with a position from ±1 to ±53 (-1FR, 2MO)';
  }
  const range = NUMBER_LISTS[name]!;
  const ok = value.split(',').every((item) => {
    if (!(range.signed ? /^[+-]?\d{1,3}$/ : /^\d{1,3}$/).test(item)) return false;
    const magnitude = Math.abs(Number(item));
    return magnitude >= range.min && magnitude <= range.max && (range.min === 0 || magnitude !== 0);
  });
  const span = range.signed ? `${range.min} to ${range.max} or -${range.max} to -${range.min}` : `${range.min} to ${range.max}`;
  return ok ? null : `${name} must list ${range.what}, ${span}`;
}

/** At most how many instances one period of the rule can hold, before BYSETPOS picks among them. */
function largestSet(freq: Freq, parts: Parts): number {
  const count = (name: string, otherwise: number) => (parts.has(name) ? list(parts, name).length : otherwise);
  const times = (freq === 'HOURLY' ? 1 : count('BYHOUR', 1)) * count('BYMINUTE', 1) * count('BYSECOND', 1);
  const byDay = list(parts, 'BYDAY');
  const months = count('BYMONTH', 12);
  let days = 1;
  if (freq === 'WEEKLY') days = count('BYDAY', 1);
  if (freq === 'MONTHLY') days = parts.has('BYMONTHDAY') ? count('BYMONTHDAY', 1) : byDay.reduce((sum, item) => sum + (/\d/.test(item) ? 1 : 5), 0) || 1;
  if (freq === 'YEARLY') {
    if (parts.has('BYYEARDAY')) days = count('BYYEARDAY', 1);
    else if (parts.has('BYWEEKNO')) days = count('BYWEEKNO', 1) * count('BYDAY', 7);
    else if (parts.has('BYMONTHDAY')) days = count('BYMONTHDAY', 1) * months;
    else if (byDay.length) days = byDay.reduce((sum, item) => sum + (/\d/.test(item) ? count('BYMONTH', 1) : parts.has('BYMONTH') ? 5 * months : 53), 0);
    else days = count('BYMONTH', 1);
  }
  return days * times;
}

/** The RFC 5545 rules on which parts go together, and combinations that can never name a date. */
function combinationProblems(freq: Freq, parts: Parts): string[] {
  const problems: string[] = [];
  if (parts.has('COUNT') && parts.has('UNTIL')) problems.push('COUNT and UNTIL cannot both be given');
  if (parts.has('BYWEEKNO') && freq !== 'YEARLY') problems.push('BYWEEKNO needs FREQ=YEARLY');
  if (parts.has('BYYEARDAY') && ['MONTHLY', 'WEEKLY', 'DAILY'].includes(freq)) problems.push(`BYYEARDAY cannot be used with FREQ=${freq}`);
  if (parts.has('BYMONTHDAY') && freq === 'WEEKLY') problems.push('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  // RFC 5545 allows these mixes, but they are rarely meant and the evaluator does not intersect them correctly
  const withYearDay = ['BYMONTH', 'BYWEEKNO', 'BYMONTHDAY', 'BYDAY'].filter((name) => parts.has(name));
  if (parts.has('BYYEARDAY') && withYearDay.length > 0) problems.push(`BYYEARDAY cannot be combined with ${withYearDay.join(' or ')}`);
  const withWeekNo = ['BYMONTH', 'BYMONTHDAY'].filter((name) => parts.has(name));
  if (parts.has('BYWEEKNO') && withWeekNo.length > 0) problems.push(`BYWEEKNO cannot be combined with ${withWeekNo.join(' or ')}`);
  // A week-numbering year is not the calendar year (ISO week 52 of 2027 ends on 2 January 2028), so a
  // series continued from one task's date would shift an INTERVAL's phase by a year at such a slot.
  if (parts.has('BYWEEKNO') && Number(parts.get('INTERVAL') ?? 1) > 1) problems.push('BYWEEKNO cannot be combined with an INTERVAL above 1');
  const ordinals = list(parts, 'BYDAY').some((item) => /\d/.test(item));
  if (ordinals && !(freq === 'MONTHLY' || (freq === 'YEARLY' && !parts.has('BYWEEKNO')))) {
    problems.push('a BYDAY position (2MO, -1FR) needs FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO');
  } else if ((freq === 'MONTHLY' || parts.has('BYMONTH')) && list(parts, 'BYDAY').some((item) => Math.abs(Number(BYDAY_ITEM.exec(item)?.[2] ?? 0)) > 5)) {
    problems.push('a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)');
  }
  if (ordinals && parts.has('BYMONTHDAY')) problems.push('a BYDAY position (2MO, -1FR) cannot be combined with BYMONTHDAY');
  // The evaluator counts a 53rd weekday past the end of a year that has 52 before BYSETPOS picks, so
  // the pick would be wrong; without BYSETPOS such a slot is skipped (next-occurrence.ts).
  if (freq === 'YEARLY' && parts.has('BYSETPOS') && list(parts, 'BYDAY').some((item) => Math.abs(Number(BYDAY_ITEM.exec(item)?.[2] ?? 0)) === 53)) {
    problems.push('a BYDAY position of ±53 cannot be combined with BYSETPOS');
  }
  if (parts.has('BYMONTHDAY') && parts.has('BYMONTH')) {
    const longest = Math.max(...numbers(parts, 'BYMONTH').map((month) => DAYS_IN_MONTH[month - 1]!));
    if (numbers(parts, 'BYMONTHDAY').every((day) => Math.abs(day) > longest)) problems.push(`no month in BYMONTH has ${Math.min(...numbers(parts, 'BYMONTHDAY').map(Math.abs))} days`);
  }
  const largest = largestSet(freq, parts);
  if (largest > MAX_INSTANTS_PER_PERIOD) {
    problems.push(`the rule names up to ${largest} times per ${PERIOD[freq]}, more than ${MAX_INSTANTS_PER_PERIOD}; use a shorter FREQ or fewer BY... values`);
  }
  if (parts.has('BYSETPOS')) {
    const others = [...parts.keys()].filter((name) => name.startsWith('BY') && name !== 'BYSETPOS');
    if (others.length === 0) problems.push('BYSETPOS needs another BY... part to pick from');
    else if (numbers(parts, 'BYSETPOS').every((position) => Math.abs(position) > largest)) {
      problems.push(`BYSETPOS picks a position the rule never reaches (it gives at most ${largest} per ${PERIOD[freq]})`);
    }
  }
  return problems;
}

/**
 * What is wrong with an RFC 5545 RRULE (without DTSTART), as this system evaluates it; empty when
 * nothing is. Checks the grammar and ranges of RFC 5545 §3.3.10, its rules on which parts go
 * together, combinations that never name a date (the 30th of February, the 6th Monday of a
 * month), and rules naming more than {@link MAX_INSTANTS_PER_PERIOD} times per period, so a rule is
 * refused when the task is written instead of failing when it is next due. Whether the rule names a
 * date after a given due time is the recurrence engine's to say (`recurrenceProblems`).
 * Part names and values may be in any case; each part may appear once.
 * @example rruleProblems('FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30') // ['no month in BYMONTH has 30 days']
 */
export function rruleProblems(rrule: string): string[] {
  const parts: Parts = new Map();
  const problems: string[] = [];
  // "FREQ=DAILY;": a trailing separator, seen in the wild, ends no part.
  for (const part of rrule.replace(/^RRULE:/i, '').replace(/;$/, '').split(';')) {
    const [name = '', value, ...rest] = part.split('=');
    const key = name.toUpperCase();
    if (value === undefined || value === '' || rest.length > 0) problems.push(`"${part}" is not a NAME=VALUE rule part`);
    else if (!PARTS.has(key)) problems.push(`${name} is not a supported rule part (${[...PARTS].join(', ')})`);
    else if (parts.has(key)) problems.push(`${key} appears more than once`);
    else parts.set(key, value.toUpperCase());
  }
  for (const [name, value] of parts) {
    const problem = valueProblem(name, value);
    if (problem) problems.push(problem);
  }
  if (!parts.has('FREQ')) problems.push('FREQ is required (FREQ=DAILY, FREQ=WEEKLY, ...)');
  if (problems.length > 0) return problems;
  return combinationProblems(parts.get('FREQ') as Freq, parts);
}

/** `FREQ` → `[Ff][Rr][Ee][Qq]`: rule names and values are read in any case. */
const anyCase = (word: string) => word.replace(/[A-Z]/g, (letter) => `[${letter}${letter.toLowerCase()}]`);
const oneOf = (words: readonly string[]) => `(?:${words.map(anyCase).join('|')})`;

/**
 * The grammar {@link rruleProblems} reads, as a regular expression for API descriptions: every rule
 * it accepts matches, and a rule that matches may still break a rule on values that go together.
 */
export function rruleSyntax(): string {
  const weekday = oneOf(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
  const numberList = (signed: boolean) => `${signed ? '[+-]?' : ''}\\d{1,3}(?:,${signed ? '[+-]?' : ''}\\d{1,3})*`;
  const part = [
    `${anyCase('FREQ')}=${oneOf(FREQS)}`,
    `${oneOf(['INTERVAL', 'COUNT'])}=\\d{1,5}`,
    `${anyCase('UNTIL')}=\\d{8}(?:[Tt]\\d{6}[Zz])?`,
    `${anyCase('WKST')}=${weekday}`,
    `${anyCase('BYDAY')}=[+-]?\\d{0,2}${weekday}(?:,[+-]?\\d{0,2}${weekday})*`,
    ...Object.entries(NUMBER_LISTS).map(([name, range]) => `${anyCase(name)}=${numberList(range.signed)}`),
  ].join('|');
  return `^(?:${anyCase('RRULE')}:)?(?:${part})(?:;(?:${part}))*;?$`;
}
