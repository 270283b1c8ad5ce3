import { RRuleTemporal } from 'rrule-temporal';
import { LATEST_INSTANT_MS } from '../time/latest-instant';
import type { RecurrenceRule } from './recurrence-rule';

/** What the schedule says about the task after this one. */
export type NextOccurrence =
  | { kind: 'next'; dueAt: string; index: number }
  /** `never`: the rule names no further date within the search (see {@link SEARCH_YEARS}). */
  | { kind: 'ended'; reason: 'count' | 'until' | 'never' };

export interface OccurrenceInput {
  /** The completed task's due time (any RFC 3339 instant). */
  dueAt: string;
  /** When the task was completed. */
  completedAt: string;
  recurrence: RecurrenceRule;
  /** The completed task's place in its series (1 for the first task). */
  index: number;
}

type Zoned = NonNullable<ReturnType<RRuleTemporal['next']>>;

/**
 * How far after the reference the next slot is looked for; a slot further away is none, and the
 * series ends (`never`). The longest real gap, a Feb 29 across 2100, is 8 years.
 */
export const SEARCH_YEARS = 100;
const SEARCH_MS = SEARCH_YEARS * 365.2425 * 86_400_000;

/**
 * The work one search may do, so a rule that rarely or never matches costs milliseconds, not
 * seconds: periods stepped through (a few microseconds each; an HOURLY step walks its INTERVAL day
 * by day, so HOURLY rules are searched one year of hours ahead) and candidate times resolved in the
 * zone (up to 0.1 ms each with the Temporal polyfill; a period holds at most 500, see the contract).
 * Running out is `never`: the same answer for the contract, which asks this function when a series
 * starts, and for the recurrence function.
 */
const MAX_PERIODS: Record<string, number> = { YEARLY: 100, MONTHLY: 600, WEEKLY: 600, DAILY: 3_000, HOURLY: 500 };
const HOURLY_SEARCH_HOURS = 366 * 24;
const MAX_CANDIDATES = 1_500;

const maxPeriods = (freq: string, interval: number) => Math.min(MAX_PERIODS[freq] ?? 500, freq === 'HOURLY' ? Math.ceil(HOURLY_SEARCH_HOURS / interval) : Infinity);

/**
 * 400 Gregorian years: dates, weekdays and leap days repeat after it, and so do the yearly rules a
 * zone follows once its data runs out (by 2087 for every zone). Instants from {@link CYCLE_FROM_MS}
 * on are computed whole cycles earlier: the library tabulates a zone's transitions from the first
 * instant it saw up to every later one, seconds of work to reach the year 9999.
 */
const CYCLE_MS = 146_097 * 86_400_000;
const CYCLE_FROM_MS = Date.UTC(2500, 0, 1);

const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);

interface RuleParts {
  /** The parts the library evaluates: without `RRULE:`, `COUNT` (the series index enforces it) and `UNTIL` (see {@link untilAllows}). */
  parts: string[];
  count: number | null;
  until: string | null;
  freq: string;
  interval: number;
}

function ruleParts(rrule: string): RuleParts {
  const all = rrule.replace(/^RRULE:/i, '').split(';').filter(Boolean);
  const value = (name: string) => all.find((part) => part.toUpperCase().startsWith(`${name}=`))?.split('=')[1];
  const count = value('COUNT');
  return {
    parts: all.filter((part) => !/^(COUNT|UNTIL)=/i.test(part)),
    count: count === undefined ? null : Number(count),
    until: value('UNTIL') ?? null,
    freq: (value('FREQ') ?? '').toUpperCase(),
    interval: Number(value('INTERVAL') ?? 1),
  };
}

/**
 * Whether a slot is within `UNTIL` (inclusive): a UTC date-time compares as an instant, a date as the
 * slot's calendar date in the recurrence zone (the end of that day there). `cycles` moves the slot's
 * date back from the earlier cycle it was computed in.
 */
function untilAllows(until: string, slot: Zoned, cycles: number): boolean {
  const [, year, month, day, time] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{6})Z)?$/i.exec(until)!;
  if (time) return slot.epochMilliseconds + cycles * CYCLE_MS <= Date.parse(`${year}-${month}-${day}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}Z`);
  const slotDay = (slot.year + 400 * cycles) * 10_000 + slot.month * 100 + slot.day;
  return slotDay <= Number(`${year}${month}${day}`);
}

/** An instant as the input Temporal.ZonedDateTime.from() reads: exact instant, named zone. */
const zonedInput = (epochMs: number, timeZoneId: string) => ({ timeZoneId, toString: () => `${new Date(epochMs).toISOString()}[${timeZoneId}]` });

/** The instant in `zone` as a ZonedDateTime, built by the library's own Temporal. */
function zoned(epochMs: number, zone: string): Zoned {
  return new RRuleTemporal({ freq: 'DAILY', count: 1, dtstart: zonedInput(epochMs, zone) }).all()[0]!;
}

/**
 * The rule's start and the instant the next slot must be strictly after, both `cycles` 400-year
 * cycles early. `schedule`: DTSTART is the due time; the slot comes after the due time and after the
 * completion. `completion`: DTSTART is the completion day at the due time's wall-clock time
 * (sub-daily rules: the completion instant); the slot comes after that start and after the completion.
 */
function anchor(input: OccurrenceInput, freq: string, parts: string[], cycles: number): { dtstart: Zoned; after: number; parts: string[] } {
  const zone = input.recurrence.timezone;
  const due = zoned(Date.parse(input.dueAt) - cycles * CYCLE_MS, zone);
  const completed = zoned(Date.parse(input.completedAt) - cycles * CYCLE_MS, zone);
  if ((input.recurrence.from ?? 'schedule') === 'schedule') {
    return { dtstart: due, after: Math.max(due.epochMilliseconds, completed.epochMilliseconds), parts };
  }
  if (SUB_DAILY.has(freq)) return { dtstart: completed, after: completed.epochMilliseconds, parts };
  const dtstart = completed.withPlainTime(due.toPlainTime());
  // Pin the due time's wall clock: a start shifted by a DST gap must not shift the whole series.
  const pinned = parts.some((part) => /^BY(HOUR|MINUTE|SECOND)=/i.test(part))
    ? parts
    : [...parts, `BYHOUR=${due.hour}`, `BYMINUTE=${due.minute}`, `BYSECOND=${due.second}`];
  return { dtstart, after: Math.max(dtstart.epochMilliseconds, completed.epochMilliseconds), parts: pinned };
}

/** The first slot of the rule strictly after `after`, or null when the work runs out first. */
function firstSlotAfter(parts: string[], dtstart: Zoned, after: number, maxIterations: number): Zoned | null {
  const rule = new RRuleTemporal({ rruleString: parts.join(';'), dtstart, maxIterations, maxCandidateEvaluations: MAX_CANDIDATES });
  const keeps = yearlyPositionsCheck(parts);
  try {
    let slot = rule.next(new Date(after), false);
    for (let skipped = 0; slot && keeps && !keeps(slot); skipped++) {
      if (skipped >= MAX_SKIPPED) return null;
      slot = rule.next(new Date(slot.epochMilliseconds), false);
    }
    return slot;
  } catch (error) {
    if (/^Maximum (iterations|candidate evaluations)/.test((error as Error).message)) return null;
    throw error;
  }
}

/** How many wrong slots the library may offer before the search gives up (`never`). */
const MAX_SKIPPED = 400;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * For `FREQ=YEARLY` with positioned weekdays (`BYDAY=53TH`, `-53MO`) and no `BYMONTH` (nor `BYSETPOS`,
 * which the contract refuses beside a position of ±53):
 * whether a slot really is that weekday of its own year. The library counts a 53rd Thursday past the
 * end of a year that has only 52 (2028-01-06 as the 53rd of 2027); such a slot is skipped.
 */
function yearlyPositionsCheck(parts: string[]): ((slot: Zoned) => boolean) | undefined {
  const value = (name: string) => parts.find((part) => part.toUpperCase().startsWith(`${name}=`))?.split('=')[1]?.toUpperCase();
  const byDay = value('BYDAY');
  if (value('FREQ') !== 'YEARLY' || !byDay || !/\d/.test(byDay) || value('BYMONTH') || value('BYSETPOS') || value('BYWEEKNO')) return undefined;
  const wanted = new Set(byDay.split(',').map((item) => item.replace(/^\+/, '')));
  return (slot) => {
    const weekday = WEEKDAY_CODES[slot.dayOfWeek - 1]!;
    const fromStart = Math.floor((slot.dayOfYear - 1) / 7) + 1;
    const fromEnd = -(Math.floor((slot.daysInYear - slot.dayOfYear) / 7) + 1);
    return wanted.has(weekday) || wanted.has(`${fromStart}${weekday}`) || wanted.has(`${fromEnd}${weekday}`);
  };
}

/**
 * `FREQ=HOURLY` counts hours on the wall clock, as calendars do (python-dateutil, RFC 5545's local
 * times): from 00:00 in New York every 3 hours is 03:00, 06:00 … across the spring change, and a
 * half-hour change (Lord Howe) never moves the minutes. The rule runs on the wall-clock times as if
 * in UTC; each slot is then read in the zone, a repeated time as its first occurrence and a time the
 * spring gap skips not at all (RFC 5545 §3.8.5.3: such an instance "MUST be ignored", as the library
 * does for the other frequencies), and the first one after `after` is the answer.
 */
function firstWallClockSlotAfter(parts: string[], dtstart: Zoned, after: number, zone: string, maxIterations: number): Zoned | null {
  const floating = (time: Zoned) => zoned(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second), 'UTC');
  const start = floating(dtstart);
  let from = floating(zoned(after, zone)).epochMilliseconds;
  for (let tries = 0; tries < 4; tries++) {
    const slot = firstSlotAfter(parts, start, from, maxIterations);
    if (!slot) return null;
    const local = slot.toPlainDateTime().toZonedDateTime(zone, { disambiguation: 'compatible' });
    const exists = local.hour === slot.hour && local.minute === slot.minute && local.second === slot.second;
    if (exists && local.epochMilliseconds > after) return local;
    from = slot.epochMilliseconds;
  }
  return null;
}

/**
 * The next task of a recurring series, computed by `rrule-temporal` in the recurrence's time zone.
 * The slot is the first one of the rule strictly after the reference (see {@link anchor}), at most
 * {@link SEARCH_YEARS} years after it and not after year 9999; `COUNT` caps the series' number of
 * tasks (index), `UNTIL` the slots themselves.
 *
 * @example
 * nextOccurrence({ dueAt: '2026-03-27T08:00:00Z', completedAt: '2026-03-27T10:00:00Z', index: 1,
 *   recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' } })
 * // → { kind: 'next', dueAt: '2026-03-30T07:00:00.000Z', index: 2 } (09:00 Berlin, summer time)
 */
export function nextOccurrence(input: OccurrenceInput): NextOccurrence {
  const { parts, count, until, freq, interval } = ruleParts(input.recurrence.rrule);
  if (count !== null && input.index >= count) return { kind: 'ended', reason: 'count' };
  const reference = Math.max(Date.parse(input.dueAt), Date.parse(input.completedAt));
  if (until && untilBefore(until, reference)) return { kind: 'ended', reason: 'until' };
  const cycles = reference < CYCLE_FROM_MS ? 0 : Math.ceil((reference - CYCLE_FROM_MS + 1) / CYCLE_MS);
  const start = anchor(input, freq, parts, cycles);
  const searchEnd = Math.min(start.after + cycles * CYCLE_MS + SEARCH_MS, LATEST_INSTANT_MS);
  // A first due time the zone skipped: the rule runs from the wall clock it was written with.
  const gapStart = input.recurrence.localStart && (input.recurrence.from ?? 'schedule') === 'schedule' && cycles === 0 ? zoned(Date.parse(`${input.recurrence.localStart}Z`), 'UTC') : null;
  const slot =
    freq === 'HOURLY' || gapStart
      ? firstWallClockSlotAfter(start.parts, gapStart ?? start.dtstart, start.after, input.recurrence.timezone, maxPeriods(freq, interval))
      : firstSlotAfter(start.parts, start.dtstart, start.after, maxPeriods(freq, interval));
  const dueAt = slot ? slot.epochMilliseconds + cycles * CYCLE_MS : Number.POSITIVE_INFINITY;
  if (slot && until && !untilAllows(until, slot, cycles)) return { kind: 'ended', reason: 'until' };
  if (dueAt > searchEnd) return { kind: 'ended', reason: until && untilBefore(until, searchEnd) ? 'until' : 'never' };
  return { kind: 'next', dueAt: new Date(dueAt).toISOString(), index: input.index + 1 };
}

/** Whether `UNTIL` ends the series before `epochMs` (a date counts to the latest end of that day anywhere). */
function untilBefore(until: string, epochMs: number): boolean {
  const [, year, month, day, time = '235959'] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{6})Z)?$/i.exec(until)!;
  const untilMs = Date.parse(`${year}-${month}-${day}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}Z`) + (until.length === 8 ? 14 * 3_600_000 : 0);
  return untilMs < epochMs;
}
