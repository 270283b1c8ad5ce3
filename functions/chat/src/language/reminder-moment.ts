import { findDate, withoutDate } from './dates';
import { DURATION, isoDuration } from './durations';
import type { ParseContext } from './intent';
import { tidy } from './text';
import { addDays, daysInMonth, formatInZone, instantOf, wallClockAt } from '../time/zoned-time';

/** When a reminder should go off, said as a moment rather than an offset: "at 7am", "friday at 6pm", "the evening before". */
export type ReminderMoment =
  /** A day was named: an instant (RFC 3339); `floating`, without its year or month (see {@link FoundDate}). */
  | { at: string; floating?: 'year' | 'month' }
  /** Only a time, or a day relative to the due day: "at 9am that day", "the day before at 6pm". */
  | { dayShift: number; hour: number; minute: number };

/** "an hour before": an offset, which the reminder phrases read. */
const OFFSET = new RegExp(String.raw`${DURATION}\s+(?:before|ahead|earlier|prior)\b`, 'i');
/** "3 days before", "a week ahead": a span before the due day, read by the duration phrases. */
export const DAYS_BEFORE = new RegExp(String.raw`(${DURATION})\s+(?:before|ahead|earlier|prior)(?:\s+(?:it|that|it'?s\s+due))?\b`, 'i');
/** Whole days in a duration phrase ("a week" → 7); undefined for hours or minutes. */
function wholeDays(phrase: string): number | undefined {
  const [, amount, unit] = /^P(\d+)([DW])$/.exec(isoDuration(phrase) ?? '') ?? [];
  return amount ? Number(amount) * (unit === 'W' ? 7 : 1) : undefined;
}
const DAY_BEFORE = /\b(?:the\s+)?(?:day|night|evening|afternoon)\s+before\b/i;
const SAME_DAY = /\b(?:that\s+day|that\s+morning|on\s+the\s+day|(?:on\s+)?the\s+same\s+day|same\s+day|the\s+morning\s+of(?:\s+it)?)\b/i;
const PART_OF_DAY_HOURS: [RegExp, number][] = [
  [/\bnight\s+before\b/i, 20],
  [/\bevening\s+before\b/i, 18],
  [/\bafternoon\s+before\b/i, 15],
  [/\bmorning\s+of\b/i, 8],
];

/** Reads a reminder moment from a phrase after "remind me" ("at 9am that day"); undefined when it is something else. */
export function reminderMoment(phrase: string, context: ParseContext): ReminderMoment | undefined {
  // "3 days before at 10am": whole days before, at a time of day.
  const daysBefore = DAYS_BEFORE.exec(phrase);
  const days = daysBefore ? wholeDays(daysBefore[1]!) : undefined;
  if (daysBefore && days) {
    const rest = phrase.replace(DAYS_BEFORE, ' ');
    const found = findDate(rest, context);
    if (found?.hasTime && !found.hasDay && tidy(withoutDate(rest, found)).replace(/^(?:at|on)$/i, '') === '') return { dayShift: -days, ...found.clock };
  }
  if (OFFSET.test(phrase)) return undefined;
  let dayShift = 0;
  let rest = phrase;
  const before = DAY_BEFORE.exec(rest);
  const same = SAME_DAY.exec(rest);
  if (before) {
    dayShift = -1;
    rest = rest.replace(DAY_BEFORE, ' ');
  } else if (same) {
    rest = rest.replace(SAME_DAY, ' ');
  }
  const found = findDate(rest, context);
  if (found && tidy(withoutDate(rest, found)).replace(/^(?:at|on)$/i, '') !== '') return undefined;
  if (found?.hasDay && !before && !same) return { at: found.dueAt, ...(found.floating ? { floating: found.floating } : {}) };
  const partOfDay = PART_OF_DAY_HOURS.find(([pattern]) => pattern.test(phrase));
  // "the night before at 8": 20:00.
  const evening = partOfDay !== undefined && partOfDay[1] >= 14 && !/\bam\b/i.test(phrase);
  if (found?.hasTime) return { dayShift, ...found.clock, ...(evening && found.clock.hour < 12 ? { hour: found.clock.hour + 12 } : {}) };
  if (partOfDay) return { dayShift, hour: partOfDay[1], minute: 0 };
  return undefined;
}

/** The instant of a moment for a task due at `dueAt` (RFC 3339), in the user's zone. */
export function momentInstant(moment: ReminderMoment, dueAt: string, timeZone: string): Date {
  if ('at' in moment) return moment.floating ? new Date(anchoredToDue(moment.at, moment.floating, dueAt, timeZone)) : new Date(moment.at);
  const dueWall = wallClockAt(new Date(dueAt), timeZone);
  const day = addDays({ year: dueWall.year, month: dueWall.month, day: dueWall.day }, moment.dayShift);
  return instantOf({ ...day, hour: moment.hour, minute: moment.minute }, timeZone);
}

/**
 * "remind me on the 10th" about a task due 12 March 2031: the 10th (or 25 July) nearest before the due
 * time, not the next one from today. `at` is the reading from today; it stands when it is no earlier.
 */
export function anchoredToDue(at: string, floating: 'year' | 'month', dueAt: string, timeZone: string): string {
  const wall = wallClockAt(new Date(at), timeZone);
  const due = wallClockAt(new Date(dueAt), timeZone);
  const on = (year: number, month: number) => (wall.day <= daysInMonth(year, month) ? instantOf({ ...wall, year, month }, timeZone) : undefined);
  let candidate = on(due.year, floating === 'month' ? due.month : wall.month);
  if (!candidate || candidate > new Date(dueAt)) {
    const [year, month] = floating === 'month' ? (due.month === 1 ? [due.year - 1, 12] : [due.year, due.month - 1]) : [due.year - 1, wall.month];
    candidate = on(year, month);
  }
  return candidate && candidate > new Date(at) ? formatInZone(candidate, timeZone) : at;
}

/** The ISO 8601 offset before `dueAt` at which `moment` falls; undefined when it falls after the due time. */
export function offsetBefore(moment: ReminderMoment, dueAt: string, timeZone: string): string | undefined {
  const minutes = Math.round((new Date(dueAt).getTime() - momentInstant(moment, dueAt, timeZone).getTime()) / 60_000);
  if (minutes < 0) return undefined;
  if (minutes === 0) return 'PT0S';
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/** The moment as a due time, for a task that has none yet ("call the bank, remind me at 9"). */
export function momentAsDue(moment: ReminderMoment, context: ParseContext): string {
  if ('at' in moment) return moment.at;
  const now = wallClockAt(context.now, context.timeZone);
  const today = { year: now.year, month: now.month, day: now.day };
  const at = (day: typeof today) => instantOf({ ...day, hour: moment.hour, minute: moment.minute }, context.timeZone);
  // The next such time: today when it is still ahead, else tomorrow.
  const instant = at(today) >= context.now ? at(today) : at(addDays(today, 1));
  return formatInZone(instant, context.timeZone);
}
