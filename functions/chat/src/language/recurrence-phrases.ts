import { shieldWeekdayNames } from './name-numbers';
import { MONTH, monthNumber } from './months';
import { cut, extract } from './text';
import { WEEK_ORDINAL, weekdayCodes, WEEKDAY, WEEKDAY_LIST, weekOrdinal } from './weekdays';

/** The parts of an RRULE the phrases can express. */
export interface RuleParts {
  freq: 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval?: number;
  byMonth?: number;
  byMonthDay?: number[];
  byDay?: string[];
  count?: number;
  /** The last day a repetition may fall on, in the user's zone. */
  until?: { year?: number; month: number; day?: number };
}

export interface FoundRecurrence {
  rule: RuleParts;
  /** The time of day the phrase implies ("every morning"). */
  hour?: number;
  rest: string;
}

const EVERY = String.raw`(?:every|each)`;
const PLURAL_WEEKDAY = String.raw`(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)`;
const PLURAL_WEEKDAY_LIST = String.raw`${PLURAL_WEEKDAY}(?:\s*(?:[,&/]\s*)?(?:and\s+)?${PLURAL_WEEKDAY}\b)*`;
const DAY_NUMBER = String.raw`(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)`;
const DAY_WORD = String.raw`(?:first|${DAY_NUMBER}|last day)`;
const DAY_LIST = String.raw`${DAY_WORD}(?:\s*(?:,|\band\b|&)\s*(?:the\s+)?${DAY_WORD})*`;
const OF_EVERY_MONTH = String.raw`of\s+(?:every|each|the)\s+month`;
const NTH = String.raw`(?:other|alternate|second|third|fourth|\d{1,2}(?:st|nd|rd|th)?)`;
const NTH_WORDS: Record<string, number> = { other: 2, alternate: 2, second: 2, third: 3, fourth: 4 };
const interval = (word: string | undefined) => (word === undefined ? undefined : NTH_WORDS[word.toLowerCase()] ?? (Number.parseInt(word, 10) || undefined));

function monthDays(list: string): number[] {
  return list
    // Never from inside a run of spaces (see weekdays.ts).
    .split(/(?:(?<!\s)|(?!\s))\s*(?:,|\band\b|&)\s*(?:the\s+)?/i)
    .map((word) => (/first/i.test(word) ? 1 : /last/i.test(word) ? -1 : Number.parseInt(word, 10)))
    .filter((day) => Number.isFinite(day));
}

type Shape = { pattern: RegExp; rule: (match: RegExpExecArray) => RuleParts; hour?: number };

const SHAPES: Shape[] = [
  {
    pattern: new RegExp(String.raw`\b(?:${EVERY}\s+month\s+on|monthly\s+on|(?:on\s+)?(?=the\s+\S+\s+\S+\s+of\s+(?:every|each)))\s*the\s+(${WEEK_ORDINAL})\s+(${WEEKDAY})(?:\s+${OF_EVERY_MONTH})?\b`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', byDay: weekdayCodes(m[2]!).map((code) => `${weekOrdinal(m[1]!)}${code}`) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:on\s+)?(?:the\s+)?(${WEEK_ORDINAL})\s+(${WEEKDAY})\s+of\s+(?:every|each)\s+month\b`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', byDay: weekdayCodes(m[2]!).map((code) => `${weekOrdinal(m[1]!)}${code}`) }),
  },
  {
    pattern: new RegExp(String.raw`\b${EVERY}\s+(${WEEK_ORDINAL})\s+(${WEEKDAY})\s+(?:${OF_EVERY_MONTH}|of\s+the\s+month)\b`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', byDay: weekdayCodes(m[2]!).map((code) => `${weekOrdinal(m[1]!)}${code}`) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:on\s+)?(?:the\s+)?(${DAY_LIST})\s+${OF_EVERY_MONTH}\b`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', byMonthDay: monthDays(m[1]!) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:${EVERY}\s+(?:(other|\d+)\s+)?months?|monthly)\s+on\s+the\s+(${DAY_LIST})\b`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', interval: interval(m[1]), byMonthDay: monthDays(m[2]!) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:${EVERY}\s+year|yearly|annually)\s+on\s+(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?\b`, 'i'),
    rule: (m) => ({ freq: 'YEARLY', byMonth: monthNumber(m[1]!), byMonthDay: [Number(m[2])] }),
  },
  {
    pattern: new RegExp(String.raw`\b${EVERY}\s+(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?\b`, 'i'),
    rule: (m) => ({ freq: 'YEARLY', byMonth: monthNumber(m[1]!), byMonthDay: [Number(m[2])] }),
  },
  // "every 1st and 15th", "every 15th": days of each month.
  {
    pattern: new RegExp(String.raw`\b${EVERY}\s+(?:the\s+)?(${DAY_NUMBER}(?:\s*(?:,|\band\b|&)\s*(?:the\s+)?${DAY_NUMBER})*)(?:\s+of\s+the\s+month)?\b(?!\s+(?:${WEEKDAY}|${MONTH}|days?|weeks?|months?|years?|hours?|time|of)\b)`, 'i'),
    rule: (m) => ({ freq: 'MONTHLY', byMonthDay: monthDays(m[1]!) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:${EVERY}\s+(?:(other|\d+)\s+)?weeks?|weekly)\s+on\s+(${WEEKDAY_LIST})\b`, 'i'),
    rule: (m) => ({ freq: 'WEEKLY', interval: interval(m[1]), byDay: weekdayCodes(m[2]!) }),
  },
  { pattern: new RegExp(String.raw`\b${EVERY}\s+week\s*days?\b|\b(?:on\s+)?weekdays\b`, 'i'), rule: () => ({ freq: 'WEEKLY', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'] }) },
  // "every monday to friday", "each tue-thu": a range of weekdays.
  {
    pattern: new RegExp(String.raw`\b(?:${EVERY}|on)\s+(${WEEKDAY})\s*(?:to|through|thru|till|until|-|–)\s*(${WEEKDAY})\b`, 'i'),
    rule: (m) => ({ freq: 'WEEKLY', byDay: weekdayRange(weekdayCodes(m[1]!)[0]!, weekdayCodes(m[2]!)[0]!) }),
  },
  // "fortnightly on thursdays", "every fortnight on friday".
  {
    pattern: new RegExp(String.raw`\b(?:fortnightly|bi-?weekly|${EVERY}\s+(?:fortnight|two\s+weeks|2\s+weeks))\s+on\s+(?:a\s+)?(${WEEKDAY_LIST})\b`, 'i'),
    rule: (m) => ({ freq: 'WEEKLY', interval: 2, byDay: weekdayCodes(m[1]!) }),
  },
  { pattern: new RegExp(String.raw`\b${EVERY}\s+weekends?\b|\b(?:on\s+)?weekends\b`, 'i'), rule: () => ({ freq: 'WEEKLY', byDay: ['SA', 'SU'] }) },
  {
    pattern: new RegExp(String.raw`\b${EVERY}\s+(?:(${NTH})\s+)?(${WEEKDAY_LIST})\b`, 'i'),
    rule: (m) => ({ freq: 'WEEKLY', interval: interval(m[1]), byDay: weekdayCodes(m[2]!) }),
  },
  { pattern: new RegExp(String.raw`\b${EVERY}\s+(?:(\d{1,2}|two|three|four|six|eight|twelve)\s+)?(?:hours?|hrs?)\b|\bhourly\b`, 'i'), rule: (m) => ({ freq: 'HOURLY', interval: HOURS[m[1]?.toLowerCase() ?? ''] ?? interval(m[1]) }) },
  { pattern: new RegExp(String.raw`\b${EVERY}\s+morning\b`, 'i'), rule: () => ({ freq: 'DAILY' }), hour: 9 },
  { pattern: new RegExp(String.raw`\b${EVERY}\s+(?:evening|night)\b`, 'i'), rule: () => ({ freq: 'DAILY' }), hour: 18 },
  {
    pattern: new RegExp(String.raw`\b${EVERY}\s+(?:(other|alternate|\d+)\s+)?(day|week|month|year)s?\b`, 'i'),
    rule: (m) => ({ freq: FREQ_OF[m[2]!.toLowerCase()]!, interval: interval(m[1]) }),
  },
  { pattern: /\b(?:daily|every\s*day)\b/i, rule: () => ({ freq: 'DAILY' }) },
  { pattern: /\b(?:fortnightly|bi-?weekly|every\s+fortnight)\b/i, rule: () => ({ freq: 'WEEKLY', interval: 2 }) },
  // "on thursdays", "mondays and wednesdays": weekday names in the plural say the task repeats.
  { pattern: new RegExp(String.raw`\b(?:on\s+)?(${PLURAL_WEEKDAY_LIST})\b`, 'i'), rule: (m) => ({ freq: 'WEEKLY', byDay: weekdayCodes(m[1]!) }) },
  { pattern: /\bweekly\b/i, rule: () => ({ freq: 'WEEKLY' }) },
  { pattern: /\bmonthly\b/i, rule: () => ({ freq: 'MONTHLY' }) },
  { pattern: /\b(?:yearly|annually)\b/i, rule: () => ({ freq: 'YEARLY' }) },
  // "gym mon wed fri 7am": two or more weekdays in a row say the task repeats on them.
  { pattern: new RegExp(String.raw`\b(?:on\s+)?(${WEEKDAY}\b(?:\s*(?:[,&/]\s*)?(?:and\s+)?${WEEKDAY}\b)+)`, 'i'), rule: (m) => ({ freq: 'WEEKLY', byDay: weekdayCodes(m[1]!) }) },
];

const WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The weekday codes from `first` to `last`, wrapping past Sunday ("fri to mon"). */
function weekdayRange(first: string, last: string): string[] {
  const start = WEEK.indexOf(first);
  const span = (WEEK.indexOf(last) - start + 7) % 7;
  return Array.from({ length: span + 1 }, (_, offset) => WEEK[(start + offset) % 7]!);
}

const HOURS: Record<string, number> = { two: 2, three: 3, four: 4, six: 6, eight: 8, twelve: 12 };
const FREQ_OF: Record<string, RuleParts['freq']> = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' };
const UNTIL = new RegExp(String.raw`\b(?:until|till|through)\s+(?:(?:the\s+)?end\s+of\s+)?(${MONTH})(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(\d{4}))?\b`, 'i');
const COUNT = /\b(?:for\s+)?(\d{1,3})\s+times\b(?!\s+a\s+(?:day|week|month|year))(?:\s+(?:in\s+total|in\s+all|total|altogether))?|\b(?:for\s+(\d{1,3})\s+(?:sessions|lessons|classes|visits|occurrences)|(\d{1,3})\s+(?:sessions|lessons|classes|visits|occurrences)\s+(?:in\s+total|in\s+all|total|altogether))\b/i;
const FOR_SPAN = /\bfor\s+(\d{1,3})\s+(days?|weeks?|months?|years?)\b/i;
/** "twice a week on mon and thu": how often, which the days already say. */
const TIMES_A = /\b(?:once|twice|three\s+times|\d\s+times)\s+(?:a|per|every)\s+(?:day|week|month|year)\b/i;
/** A part of the day right after the repetition: "every thursday night", "on weekdays in the morning". */
const PART_OF_DAY = /^\s*(?:in\s+the\s+)?(morning|afternoon|evening|night)s?\b/i;
const PART_OF_DAY_HOUR: Record<string, number> = { morning: 9, afternoon: 14, evening: 18, night: 18 };

/** Finds a repetition phrase ("every other monday", "monthly on the last friday", "until june") and removes it. */
const ON_PLURAL_WEEKDAYS = new RegExp(String.raw`\b(?:on\s+)?(${PLURAL_WEEKDAY_LIST})\b`, 'i');
const FREQUENCY_ADJECTIVE = /^(?:daily|weekly|monthly|yearly|annual|fortnightly|bi-?weekly)$/i;
const NOUN_NEXT = /^\s+(?!(?:on|at|in|from|starting|until|till|for|by|and|or|please|basis|every|each|the|a|an)\b)\p{L}/iu;

export function findRecurrence(text: string): FoundRecurrence | undefined {
  // Read where a weekday inside a name is hidden; cut from the text as it was.
  const shielded = shieldWeekdayNames(text);
  for (const shape of SHAPES) {
    const match = shape.pattern.exec(shielded);
    if (!match) continue;
    // "monthly report on the 1st", "daily standup": the word also names the thing, so it stays in the title
    // (people differ on whether "weekly report friday" repeats; most of those asked read it as repeating).
    const namesIt = FREQUENCY_ADJECTIVE.test(match[0]) && NOUN_NEXT.test(shielded.slice(match.index + match[0].length));
    const rest = namesIt ? text : cut(text, match.index, match[0].length);
    const rule = shape.rule(match);
    if (rule.interval === 1) delete rule.interval;
    let remaining = rest;
    let hour = shape.hour;
    const part = hour === undefined ? PART_OF_DAY.exec(rest.slice(match.index)) : null;
    if (part) {
      hour = PART_OF_DAY_HOUR[part[1]!.toLowerCase()];
      remaining = cut(rest, match.index, part[0].length);
    }
    // "fortnightly catch-up with Dev on mondays": the days of a bare "fortnightly" or "weekly" said apart.
    const onDays = rule.freq === 'WEEKLY' && !rule.byDay ? ON_PLURAL_WEEKDAYS.exec(shieldWeekdayNames(remaining)) : null;
    if (onDays) {
      rule.byDay = weekdayCodes(onDays[1]!);
      remaining = cut(remaining, onDays.index, onDays[0].length);
    }
    const until = extract(remaining, UNTIL);
    if (until.match) {
      const [, month, day, year] = until.match;
      rule.until = { month: monthNumber(month!), ...(day ? { day: Number(day) } : {}), ...(year ? { year: Number(year) } : {}) };
      remaining = until.rest;
    }
    remaining = extract(remaining, TIMES_A).rest;
    // "every day for 5 days", "weekly for 6 weeks": that many times.
    const forSpan = FOR_SPAN.exec(remaining);
    if (forSpan && FREQ_OF[forSpan[2]!.toLowerCase().replace(/s$/, '')] === rule.freq && !rule.interval) {
      rule.count = Number(forSpan[1]);
      remaining = cut(remaining, forSpan.index, forSpan[0].length);
    }
    const count = extract(remaining, COUNT);
    if (count.match) {
      rule.count = Number(count.match[1] ?? count.match[2] ?? count.match[3]);
      remaining = count.rest;
    }
    return { rule, rest: remaining, ...(hour !== undefined ? { hour } : {}) };
  }
  return undefined;
}

/**
 * The clock a repetition's part of the day means: "every tuesday night at 8" is 20:00, "every morning at
 * 6" is 06:00 (a bare 6 otherwise reads as 18:00), unless the message said pm or a 24-hour time.
 */
export function clockForPartOfDay(clock: { hour: number; minute: number }, partOfDayHour: number | undefined, text: string): { hour: number; minute: number } {
  if (partOfDayHour === undefined) return clock;
  if (partOfDayHour >= 14 && clock.hour >= 1 && clock.hour < 12) return { ...clock, hour: clock.hour + 12 };
  const saidAfternoon = /\bpm\b|\b(?:1[3-9]|2[0-3]):[0-5]\d\b/i.test(text);
  return partOfDayHour < 12 && clock.hour >= 13 && clock.hour <= 18 && !saidAfternoon ? { ...clock, hour: clock.hour - 12 } : clock;
}
