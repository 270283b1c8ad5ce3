import type { TaskRef } from './intent';
import { monthNumber } from './months';
import { tidy, unquote } from './text';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ORDINAL = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))`;
/**
 * Between two references: ",", ", and", "&", "and" or spaces. Each run of spaces has one place in it (and
 * no reference starts with a space), so a failing match backtracks linearly instead of trying 2^n splits.
 */
const JOIN = String.raw`(?:\s*,\s*(?:and\s+)?|\s*&\s*|\s+and\s+|\s+)`;
const NUMBER = String.raw`(?:(?:task|number|no\.?|item)\s*)?(?:#\s*)?\d{1,3}`;

const IT = /^(?:it|them|that|this|this one|that one|that task|this task|the task|the one|this (?:month|week|year)'s(?: one)?|today's(?: one)?|same one|the (?:deadline|due date|due time|date|time))$/i;
const NUMBERS = new RegExp(String.raw`^${NUMBER}(?:(?:${JOIN}|\s+and(?=#))${NUMBER})*$`, 'i');
const RANGE = /^(?:(?:tasks?|numbers?)\s+)?#?(\d{1,3})\s*(?:-|–|to|through|thru)\s*#?(\d{1,3})$/i;
const ORDINAL_LIST = new RegExp(String.raw`^(?:the\s+)?${ORDINAL}(?:${JOIN}(?:the\s+)?${ORDINAL})*(?:\s+(?:ones?|tasks?|items?))?$`, 'i');
const FIRST_FEW = /^(?:the\s+)?first\s+(two|three|four|five|\d{1,2})(?:\s+(?:ones|tasks|items))?$/i;
const FEW: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };
const EVERYTHING = /^(?:all|everything|all (?:of )?(?:them|my tasks|tasks)|every task|the lot)$/i;

/** The most tasks one message may name: a list shows at most 50, so a longer list of numbers is a slip or an attack. */
export const MAX_TASKS_PER_MESSAGE = 50;

const index = (value: number): TaskRef => ({ kind: 'index', index: value });

function ordinalValue(word: string): number {
  const position = ORDINALS.indexOf(word.toLowerCase());
  return position >= 0 ? position + 1 : Number.parseInt(word, 10);
}

/** "the bank one; my son did it", "the bank task. I did it myself": the reason after the reference. */
const AFTERTHOUGHT = /;|\.\s+(?=(?:my|i|he|she|we|they|it|thanks|because|the)\b)|,\s*(?:because|since|as|my|his|her|our|i|he|she|we|they|it'?s|we'?re|i'?m|they'?re|not|no\s+longer|cancell?ed|called\s+off)\s/i;

/** Words naming a task by its title: quotes, articles and "task" dropped. */
export function titleWords(text: string): string {
  const quoted = unquote(text);
  if (quoted) return quoted.trim();
  const afterthought = text.search(AFTERTHOUGHT);
  return tidy(afterthought >= 0 ? text.slice(0, afterthought) : text)
    .replace(/(?<!\s)\s+(?:please|pls|thanks)$/i, '')
    .replace(/^(?:one|either|any|both)\s+of\s+/i, '')
    .replace(/^(?:the|my|a|an|that|this)\s+/i, '')
    .replace(/^(?:task|one|item|to-?do|reminder|entry)\s+(?:(?:that'?s\s+|which\s+is\s+)?(?:about|for|with|regarding|re|called|named|titled|saying|to)\s+)?/i, '')
    .replace(/(?<=\S)\s+(?:one|thing|stuff|job)$/i, '')
    .replace(/^(?:the|my|a|an)\s+/i, '')
    .replace(/(?<!\s)\s+(?:task|from (?:my|the) (?:list|tasks|todo list))$/i, '')
    .trim();
}

const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WHEN_WORD = String.raw`(?:(?<weekday>mon|tue|wed|thu|fri|sat|sun)(?:[a-z]*day|s)?|(?<day>tomorrow|today)|(?<hour>\d{1,2})(?::(?<minute>\d\d))?\s*(?:(?<meridiem>am|pm)|(?<oclock>o'?clock))|(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)`;
const renamed = (suffix: string) => WHEN_WORD.replace(/\?<(\w+)>/g, `?<$1${suffix}>`);
/** "the friday one", "tomorrow's task", "the 7am one", "the one in May", "my 3pm", "my 9 o'clock": a task named by when it is due. */
const WHEN_REF = new RegExp(
  String.raw`^(?:(?:the\s+)?${WHEN_WORD}(?:'s)?\s+(?:one|task|thing)|(?:the\s+)?one\s+(?:on|for|in|at|due)\s+${renamed('B')}|(?:the|my)\s+${renamed('C')}(?:'s)?(?:\s+(?:appointment|appt|meeting|call|slot|booking|session|class))?)$`,
  'i',
);

/** "my 3pm on Friday", "the 9am tomorrow": a time and a day. */
const TIME_ON_DAY = /^(?:the|my)\s+(\d{1,2})(?::(\d\d))?(?:\s*(am|pm))?\s+(?:on\s+)?(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*|(tomorrow|today))(?:'s)?(?:\s+(?:one|appointment|appt|meeting|call))?$/i;

function whenRef(text: string): TaskRef | undefined {
  const timeOnDay = TIME_ON_DAY.exec(text);
  if (timeOnDay) {
    const [, hour, minute, meridiem, weekday, day] = timeOnDay;
    const clock = { hour: (Number(hour) % 12) + (meridiem?.toLowerCase() === 'pm' ? 12 : 0), minute: Number(minute ?? 0), ...(meridiem ? {} : { eitherHalfOfDay: true }) };
    return weekday ? { kind: 'when', weekday: WEEKDAY_CODES.indexOf(weekday.toLowerCase()), ...clock } : { kind: 'when', relativeDays: day!.toLowerCase() === 'tomorrow' ? 1 : 0, ...clock };
  }
  const found = WHEN_REF.exec(text)?.groups;
  if (!found) return undefined;
  const group = (name: string) => found[name] ?? found[`${name}B`] ?? found[`${name}C`];
  const weekday = group('weekday');
  const day = group('day');
  const month = group('month');
  if (weekday) return { kind: 'when', weekday: WEEKDAY_CODES.indexOf(weekday.toLowerCase()) };
  if (day) return { kind: 'when', relativeDays: day.toLowerCase() === 'tomorrow' ? 1 : 0 };
  if (month) return { kind: 'when', month: monthNumber(month) };
  const hour = (Number(group('hour')) % 12) + (group('meridiem')?.toLowerCase() === 'pm' ? 12 : 0);
  // "my 9 o'clock": 9:00 or 21:00, whichever the task is at.
  return { kind: 'when', hour, minute: Number(group('minute') ?? 0), ...(group('oclock') ? { eitherHalfOfDay: true } : {}) };
}

/**
 * The tasks a phrase names: "2", "#2", "1, 2 and 4", "1-3", "the second and third", "it", or title
 * words ("the dentist"). Undefined when it names nothing or everything (the parser never guesses "all").
 */
export function parseRefs(phrase: string): TaskRef[] | undefined {
  const text = tidy(phrase);
  if (text === '' || EVERYTHING.test(text)) return undefined;
  // "it, the neighbour's doing it", "this task please, my sister will get it": the task just discussed.
  const cut = text.search(AFTERTHOUGHT);
  const core = tidy(cut >= 0 ? text.slice(0, cut) : text).replace(/(?<!\s)\s+(?:please|pls)$/i, '');
  if (IT.test(text) || IT.test(core) || /^(?:it|that|this)(?:\s+one)?\s*[,;.]\s*\S/i.test(text)) return [{ kind: 'it' }];
  if (/^(?:both|both of (?:them|those|these)|the two(?: of them)?|them both)$/i.test(text)) return [index(1), index(2)];
  const few = FIRST_FEW.exec(text);
  if (few) {
    const count = FEW[few[1]!.toLowerCase()] ?? Number(few[1]);
    if (count >= 1 && count <= MAX_TASKS_PER_MESSAGE) return Array.from({ length: count }, (_, offset) => index(offset + 1));
  }
  const range = RANGE.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from >= 1 && to >= from && to - from < MAX_TASKS_PER_MESSAGE) return Array.from({ length: to - from + 1 }, (_, offset) => index(from + offset));
  }
  if (NUMBERS.test(text)) {
    const values = [...new Set((text.match(/\d{1,3}/g) ?? []).map(Number))].filter((value) => value >= 1);
    return values.length > 0 ? values.map(index) : undefined;
  }
  if (ORDINAL_LIST.test(text)) {
    const words = text.match(new RegExp(ORDINAL, 'gi')) ?? [];
    return [...new Set(words.map(ordinalValue))].map(index);
  }
  const when = whenRef(text);
  if (when) return [when];
  const title = titleWords(text);
  if (title === '' || title.length > 200 || IT.test(title)) return title === '' || title.length > 200 ? undefined : [{ kind: 'it' }];
  return [{ kind: 'title', text: title }];
}

/** One task reference, or undefined when the phrase names none or several. */
export function parseRef(phrase: string): TaskRef | undefined {
  const refs = parseRefs(phrase);
  return refs?.length === 1 ? refs[0] : undefined;
}
