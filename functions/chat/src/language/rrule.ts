import type { ParseContext } from './intent';
import type { RuleParts } from './recurrence-phrases';
import { WEEKDAY_NUMBER } from './weekdays';
import { addDays, type CalendarDay, daysInMonth, instantOf, weekdayOf } from '../time/zoned-time';

const two = (value: number) => String(value).padStart(2, '0');

function untilDay(until: NonNullable<RuleParts['until']>, from: CalendarDay): CalendarDay {
  let year = until.year ?? from.year;
  if (until.year === undefined && (until.month < from.month || (until.month === from.month && (until.day ?? 31) < from.day))) year += 1;
  return { year, month: until.month, day: until.day ?? daysInMonth(year, until.month) };
}

/** `UNTIL` as RFC 5545 wants it with a zone: the last second of that day in the user's zone, in UTC. */
function untilStamp(day: CalendarDay, timeZone: string): string {
  const end = new Date(instantOf({ ...addDays(day, 1), hour: 0, minute: 0 }, timeZone).getTime() - 1000);
  return `${end.getUTCFullYear()}${two(end.getUTCMonth() + 1)}${two(end.getUTCDate())}T${two(end.getUTCHours())}${two(end.getUTCMinutes())}${two(end.getUTCSeconds())}Z`;
}

/** The RRULE text (no DTSTART): `FREQ=MONTHLY;INTERVAL=3;UNTIL=20260630T215959Z`. */
export function toRrule(rule: RuleParts, today: CalendarDay, timeZone: string): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval && rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth}`);
  if (rule.byMonthDay?.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay?.length) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${untilStamp(untilDay(rule.until, today), timeZone)}`);
  return parts.join(';');
}

function matchesWeekday(code: string, day: CalendarDay): boolean {
  const match = /^(-?\d)?([A-Z]{2})$/.exec(code);
  if (!match || weekdayOf(day) !== WEEKDAY_NUMBER[match[2]!]) return false;
  if (!match[1]) return true;
  const nth = Number(match[1]);
  return nth > 0 ? Math.ceil(day.day / 7) === nth : day.day + 7 * -nth > daysInMonth(day.year, day.month) && day.day + 7 * (-nth - 1) <= daysInMonth(day.year, day.month);
}

function matches(rule: RuleParts, day: CalendarDay): boolean {
  if (rule.byMonth && day.month !== rule.byMonth) return false;
  const length = daysInMonth(day.year, day.month);
  if (rule.byMonthDay?.length && !rule.byMonthDay.some((wanted) => (wanted > 0 ? wanted : length + 1 + wanted) === day.day)) return false;
  if (rule.byDay?.length && !rule.byDay.some((code) => matchesWeekday(code, day))) return false;
  return true;
}

/** The first day on or after `from` that the rule allows at `hour:minute`, not before now. */
export function firstOccurrence(rule: RuleParts, from: CalendarDay, clock: { hour: number; minute: number }, context: ParseContext): Date {
  for (let offset = 0; offset < 366 * 8; offset++) {
    const day = addDays(from, offset);
    if (!matches(rule, day)) continue;
    const instant = instantOf({ ...day, ...clock }, context.timeZone);
    if (instant >= context.now) return instant;
  }
  return instantOf({ ...from, ...clock }, context.timeZone);
}
