import * as chrono from 'chrono-node';
import type { ParsingComponents, ParsingResult } from 'chrono-node';
import type { ParseContext } from './intent';
import { MONTH } from './months';
import { shieldNameNumbers } from './name-numbers';
import { endOfWeekParser, ordinalDayParser } from './chrono-parsers';
import { withLinearTimeUnits } from './linear-time-units';
import { addDays, type CalendarDay, formatInZone, instantOf, offsetMinutes, wallClockAt, type WallClock } from '../time/zoned-time';

const parser = chrono.casual.clone();
parser.parsers = [...parser.parsers.map(withLinearTimeUnits), ordinalDayParser, endOfWeekParser];

/** Hour for a day named without a time ("tomorrow"); today's fall back to the evening, then the day's end. */
export const DEFAULT_HOUR = 9;
const TODAY_FALLBACKS: [number, number][] = [
  [18, 0],
  [23, 59],
];
const PARTS_OF_DAY: [RegExp, number][] = [
  [/\bmorning\b/i, 9],
  [/\bafternoon\b/i, 14],
  [/\bevening\b/i, 18],
  [/\b(?:tonight|night)\b/i, 20],
];

/** Words chrono reads as dates that are usually part of a title ("sun cream", "call May"). */
const FALSE_FRIENDS = /^(?:sun|sat|wed|mon|tue|thu|fri|may|march|now|second|sec|night|weekend|morning|evening|afternoon|noon|midnight)$/i;
const INTRODUCERS = /\b(?:on|by|in|until|till|before|next|this|every|due|from|starting|at|for|the)\s*$/i;
const PAST = /^(?:last\s+(?:week|month|year|night|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|yesterday(?:\s+(?:morning|afternoon|evening))?|.*\bago)$/i;
const RELATIVE_CLOCK = /\b(?:in|within)\s.*\b(?:minutes?|mins?|hours?|hrs?|seconds?|secs?)\b|\bfrom now\b/i;

/** A date/time phrase found in a message, resolved in the user's zone. */
export interface FoundDate {
  /** Where the phrases were (several, when date and time are apart: "9am starting next monday"). */
  spans: { index: number; length: number }[];
  instant: Date;
  dueAt: string;
  /** The day it falls on in the user's zone. */
  day: CalendarDay;
  hasTime: boolean;
  /** The wall-clock time it names. */
  clock: { hour: number; minute: number };
  /** True when a day was named (not only a time of day). */
  hasDay: boolean;
  /** True when only a month was named ("until june"). */
  monthOnly: boolean;
  /** A day named without its year ("25 july": 'year') or without its month ("the 10th": 'month'); reckoned from now. */
  floating?: 'year' | 'month';
}

const componentDay = (start: ParsingComponents): CalendarDay => ({ year: start.get('year')!, month: start.get('month')!, day: start.get('day')! });
const namesDay = (start: ParsingComponents) => start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month');

/**
 * Whether a date chrono found is the due time rather than words of the title: not a false friend
 * without an introducer ("call May"), nor one after "the" ("about the march"), nor a possessive
 * ("Monday's meeting").
 */
function usable(result: ParsingResult, text: string): boolean {
  const words = result.text.trim();
  // "indeC": a month's name inside a word is no date.
  if (/\p{L}/u.test(text[result.index - 1] ?? '') || /\p{L}/u.test(text[result.index + result.text.length] ?? '')) return false;
  const before = text.slice(0, result.index);
  // A weekday's short name at the very end is the due day ("ship the release thu"), not "sun cream".
  const atEnd = /^\s*$/.test(text.slice(result.index + result.text.length));
  if (FALSE_FRIENDS.test(words) && !INTRODUCERS.test(before) && !(atEnd && /^(?:mon|tue|wed|thu|fri|sat|sun)$/i.test(words))) return false;
  if (/^(?:march|may)$/i.test(words) && /\bthe\s*$/i.test(before)) return false;
  // "the photos from the June wedding": a month alone between an article and a noun names a thing.
  if (isMonthOnly(result) && /\b(?:the|a|an|my|our|your|his|her|their)\s+$/i.test(before) && THING_AFTER.test(text.slice(result.index + result.text.length))) return false;
  // "call April about the lease": a capitalised month right after a verb of talking is someone's name.
  if (/^\p{Lu}/u.test(words) && /^(?:january|april|may|june|july|august)$/i.test(words) && /\b(?:call|ring|text|email|e-mail|ask|tell|meet|see|visit|thank|remind|with|and)\s*$/i.test(before)) return false;
  // "the volunteer rota for march", "invoice for November": what the task is for, not when it is due.
  if (/\bfor\s*$/i.test(before) && result.start.isCertain('month') && !result.start.isCertain('day') && !result.start.isCertain('weekday')) return false;
  // "the second", "a sec": an ordinal or a moment, never a due time.
  if (/^(?:the\s+|a\s+)?(?:second|sec)$/i.test(words)) return false;
  // "mark the year 3 tests": "the year" alone is no date.
  if (/^the\s+(?:year|month|week|day)$/i.test(words)) return false;
  if (/^'s\b/i.test(text.slice(result.index + result.text.length))) return false;
  // "study for 30 min", "12 hour shift": how long, not when ("in 30 min" is when).
  if (/^(?:for\s+)?(?:\d+|an?|one|half an?)[\s-]*(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)$/i.test(words) && !/\b(?:in|within|after)\s*$/i.test(before)) return false;
  // "missing hours from last week": a day gone by is what the task is about ("due yesterday" is overdue).
  if (PAST.test(words) && !/\b(?:due|by|on|since)\s*$/i.test(before)) return false;
  return true;
}

/** Things people do in the evening: "dinner with sam at 7" is at 19:00. */
const EVENING_THINGS = /\b(?:dinner|supper|drinks|date\s+night|concert|gig|movie|cinema|theatre|theater|pub|karaoke|bbq|barbecue|tonight|evening|night)\b/i;

function clockHour(start: ParsingComponents, phrase: string, text: string): { hour: number; minute: number } {
  let hour = start.get('hour') ?? DEFAULT_HOUR;
  const minute = start.get('minute') ?? 0;
  const writtenAs24h = /\b(?:0\d|1[3-9]|2[0-3]):\d\d\b/.test(phrase);
  const saidHalfOfDay = start.isCertain('meridiem') || writtenAs24h;
  if (!saidHalfOfDay && hour >= 1 && hour <= 6) hour += 12;
  else if (!saidHalfOfDay && hour >= 7 && hour <= 11 && EVENING_THINGS.test(text)) hour += 12;
  return { hour, minute };
}

function defaultClock(phrase: string): { hour: number; minute: number } | undefined {
  for (const [pattern, hour] of PARTS_OF_DAY) if (pattern.test(phrase)) return { hour, minute: 0 };
  return undefined;
}

/** The first moment at or after now among `day`'s default hours. */
export function defaultTimeOn(day: CalendarDay, context: ParseContext): WallClock {
  const candidates: [number, number][] = [[DEFAULT_HOUR, 0], ...TODAY_FALLBACKS];
  for (const [hour, minute] of candidates) {
    const wall = { ...day, hour, minute };
    if (instantOf(wall, context.timeZone) >= context.now) return wall;
  }
  return { ...day, hour: DEFAULT_HOUR, minute: 0 };
}

/** Today in the user's zone. */
export function today(context: ParseContext): CalendarDay {
  const { year, month, day } = wallClockAt(context.now, context.timeZone);
  return { year, month, day };
}

/** Every chrono result in `text`, read in the user's zone and resolved forward from now. */
function chronoResults(text: string, context: ParseContext): ParsingResult[] {
  const reference = { instant: context.now, timezone: offsetMinutes(context.now, context.timeZone) };
  const shielded = shieldNameNumbers(text);
  return (parser.parse(shielded, reference, { forwardDate: true }) as ParsingResult[]).filter((result) => usable(result, shielded));
}

const DAY_INTRODUCERS = /\b(?:on|by|until|till|before|next|this|every|due|from|starting|for|after)\s*$/i;
const WEEKDAY_AND_PART = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?(?:\s+(?:morning|afternoon|evening|night))?$/i;
/** A bare weekday name followed by more words and not introduced by "on", "next", "by"…: a word of the title. */
const isWeekdayInTitle = (result: ParsingResult, text: string) =>
  WEEKDAY_AND_PART.test(result.text.trim()) &&
  (!DAY_INTRODUCERS.test(text.slice(0, result.index)) || (/\bfor\s*$/i.test(text.slice(0, result.index)) && NOUN_AFTER.test(text.slice(result.index + result.text.length)))) &&
  /^\s+\p{L}/u.test(text.slice(result.index + result.text.length));
/** "slides for Monday meeting": a word after the weekday that is no time or part of the day. */
const NOUN_AFTER = /^\s+(?!(?:at|by|morning|afternoon|evening|night|and|or|to|from|before|after|noon)\b)\p{L}/iu;
/** "send the rota to the Saturday team": a weekday between an article and a noun names a thing, even when no other date is said. */
const isWeekdayNamingAThing = (result: ParsingResult, text: string) =>
  WEEKDAY_AND_PART.test(result.text.trim()) &&
  /^\s+\p{L}/u.test(text.slice(result.index + result.text.length)) &&
  /\b(?:the|a|an|my|our|your|his|her|their)\s+$/i.test(text.slice(0, result.index));
const THING_AFTER = /^\s+(?!(?:at|by|of|in|on|for|to|till|until|through|and|or|from|before|after|next|this|every|morning|afternoon|evening|night|noon|is|was|please)\b)\p{L}/iu;
const isDayNamingAThing = (result: ParsingResult, text: string) =>
  result.start.isCertain('day') && !result.start.isCertain('hour') && /\b(?:the|a|an|my|our|your|his|her|their)\s+$/i.test(text.slice(0, result.index)) && THING_AFTER.test(text.slice(result.index + result.text.length));
/** "call the contractor about the 10am walkthrough on friday": a time between an article and a noun names a thing. */
const isTimeNamingAThing = (result: ParsingResult, text: string) =>
  result.start.isCertain('hour') && !namesDay(result.start) && /\b(?:the|our|your|his|her|their)\s+$/i.test(text.slice(0, result.index)) && THING_AFTER.test(text.slice(result.index + result.text.length));
const RELATIVE_MONTH = /^(?:next|this|the\s+coming|coming|following)\s+month$/i;
const isMonthOnly = (result: ParsingResult) => result.start.isCertain('month') && !result.start.isCertain('day') && !result.start.isCertain('weekday') && !result.start.isCertain('hour');

/**
 * Finds the date and time in `text` ("tomorrow at 5pm", "next friday 3pm", "in 2 hours", "the 15th"),
 * combining a separate day and time. Days named without a time get {@link DEFAULT_HOUR}.
 */
export function findDate(text: string, context: ParseContext): FoundDate | undefined {
  const found = chronoResults(text, context);
  // "invoice for November work in 2 weeks": a month alone beside another date is part of the title.
  // …and a weekday inside the title ("print the sunday school rota thursday") beside the due one.
  // …and so is a day between an article and a noun ("ask Sam about the May 5th party on thursday").
  const results = (found.length > 1 ? found.filter((result) => !isMonthOnly(result) && !isWeekdayInTitle(result, text) && !isDayNamingAThing(result, text) && !isTimeNamingAThing(result, text)) : found).filter(
    (result) => !isWeekdayNamingAThing(result, text),
  );
  if (results.length === 0) return undefined;
  // "next month on the 3rd": the month says which 3rd, and is no part of the title either.
  const relativeMonth = found.length > 1 ? found.find((result) => isMonthOnly(result) && RELATIVE_MONTH.test(result.text.trim())) : undefined;
  const spans = [...results, ...(relativeMonth ? [relativeMonth] : [])].map((result) => ({ index: result.index, length: result.text.length }));
  const phrase = results.map((result) => result.text).join(' ');
  const relative = results.find((result) => RELATIVE_CLOCK.test(result.text));
  if (relative) {
    const instant = relative.start.date();
    const wall = wallClockAt(instant, context.timeZone);
    return { spans, instant, dueAt: formatInZone(instant, context.timeZone), day: wall, clock: wall, hasTime: true, hasDay: true, monthOnly: false };
  }
  const dated = results.find((result) => namesDay(result.start));
  const timed = results.find((result) => result.start.isCertain('hour'));
  const monthOnly = !!dated && !dated.start.isCertain('day') && !dated.start.isCertain('weekday') && dated.start.isCertain('month');
  let day = dated ? componentDay(dated.start) : today(context);
  if (relativeMonth && dated?.start.isCertain('day') && !dated.start.isCertain('month')) day = { ...componentDay(relativeMonth.start), day: day.day };
  let wall: WallClock;
  if (timed) {
    wall = { ...day, ...clockHour(timed.start, timed.text, text) };
    if (!dated && instantOf(wall, context.timeZone) < context.now) {
      day = addDays(day, 1);
      wall = { ...wall, ...day };
    }
  } else {
    const partOfDay = defaultClock(phrase);
    if (!dated && !partOfDay) day = componentDay(results[0]!.start);
    wall = partOfDay ? { ...day, ...partOfDay } : defaultTimeOn(day, context);
  }
  const instant = instantOf(wall, context.timeZone);
  const clock = { hour: wall.hour, minute: wall.minute };
  const floating = dated?.start.isCertain('day') && !dated.start.isCertain('weekday') ? (!dated.start.isCertain('month') ? 'month' : !dated.start.isCertain('year') ? 'year' : undefined) : undefined;
  return { spans, instant, dueAt: formatInZone(instant, context.timeZone), day, clock, hasTime: !!timed || !!defaultClock(phrase), hasDay: !!dated || !timed, monthOnly, ...(floating ? { floating } : {}) };
}

const PART_OF_DAY_AFTER = /^\s*(?:in\s+the\s+)?(?:morning|afternoon|evening|night)\b/i;
const STARTS_WITH_MONTH = new RegExp(String.raw`^${MONTH}\b`, 'i');
// Not the end of a hyphenated word ("check-in dec 16", "drop-off at 5").
const IN_AT_END = { pattern: /(?<![\w'-])in\s*$/gi, longest: 'in'.length };
const PREPOSITION_AT_END = {
  pattern: /(?<![\w'-])(?:on the|on|at|(?:latest\s+)?by(?: the)?|in the|due(?: on| by| at)?|before|starting(?: on| from)?|from|for|the)\s*$/gi,
  longest: 'latest by the'.length,
};

/**
 * `text` without a word (and the spaces after it) at its end. The search starts a word's length before
 * the spaces, not at the start of `text`: `withoutDate` looks once per date phrase, and a message can hold hundreds.
 */
function withoutLastWord(text: string, word: { pattern: RegExp; longest: number }): string {
  word.pattern.lastIndex = Math.max(0, text.trimEnd().length - word.longest);
  const match = word.pattern.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/** Removes the found phrases (and a preposition just before each) from `text`. */
export function withoutDate(text: string, found: FoundDate): string {
  let rest = text;
  for (const span of [...found.spans].sort((a, b) => b.index - a.index)) {
    const namesMonth = STARTS_WITH_MONTH.test(rest.slice(span.index, span.index + span.length));
    const before = withoutLastWord(namesMonth ? withoutLastWord(rest.slice(0, span.index), IN_AT_END) : rest.slice(0, span.index), PREPOSITION_AT_END);
    // "at 9 o'clock on Saturday morning": the part of the day chrono left behind goes with its date.
    rest = `${before} ${rest.slice(span.index + span.length).replace(PART_OF_DAY_AFTER, '')}`;
  }
  return rest;
}
