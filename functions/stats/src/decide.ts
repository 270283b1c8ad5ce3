import { rfc3339Ms } from '#shared/contracts/time';
import type { AnyEvent } from '#shared/events/catalog';
import type { FieldError } from '#shared/http/problem';

/** What one day (or a whole range) counts. */
export interface Counts {
  created: number;
  completed: number;
  deleted: number;
  remindersDelivered: number;
}
export type Counter = keyof Counts;

/** The event types the stats function counts, and the counter each adds one to. */
export const COUNTERS = {
  'dev.todo.task.created.v1': 'created',
  'dev.todo.task.completed.v1': 'completed',
  'dev.todo.task.deleted.v1': 'deleted',
  'dev.todo.reminder.delivered.v1': 'remindersDelivered',
} as const satisfies Record<string, Counter>;
export type CountedType = keyof typeof COUNTERS;
export const COUNTED_TYPES = Object.keys(COUNTERS) as CountedType[];

export const ZERO: Readonly<Counts> = Object.freeze({ created: 0, completed: 0, deleted: 0, remindersDelivered: 0 });
const COUNTER_NAMES = Object.keys(ZERO) as Counter[];

/** One event's effect: one more of `counter` on the user's UTC `day` (`YYYY-MM-DD`). */
export interface Tally {
  userId: string;
  day: string;
  counter: Counter;
}

const DAY_MS = 86_400_000;
const EARLIEST_DAY = '0001-01-01';

/** The UTC calendar day of an instant in epoch milliseconds. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
const addDays = (day: string, days: number): string => utcDay(dayMs(day) + days * DAY_MS);

/** True for a real calendar date `YYYY-MM-DD` in years 0001-9999 (Postgres `date` and JS `Date` alike). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < EARLIEST_DAY) return false;
  const ms = dayMs(value);
  return !Number.isNaN(ms) && utcDay(ms) === value;
}

/** What a counted event adds, on the UTC day of its `time`; null for a type the stats do not count. */
export function tallyOf(event: Pick<AnyEvent, 'type' | 'time' | 'userid'>): Tally | null {
  const counter = (COUNTERS as Record<string, Counter | undefined>)[event.type];
  if (!counter) return null;
  const ms = rfc3339Ms(event.time);
  if (Number.isNaN(ms)) return null;
  return { userId: event.userid, day: utcDay(ms), counter };
}

/** The longest range `GET /stats` answers, in days (both ends included). */
export const MAX_DAYS = 366;
/** The days the default range covers: the last week, today included. */
export const DEFAULT_DAYS = 7;

/** A range of UTC days, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

export type RangeDecision = { ok: true; range: DayRange } | { ok: false; errors: FieldError[] };

/**
 * The days a query asks for: `to` defaults to today (UTC), `from` to six days before `to` (never
 * before 0001-01-01). Refused: `from` after `to`, or more than {@link MAX_DAYS} days. Both are
 * days as {@link isDay} accepts them.
 */
export function rangeOf(query: { from?: string | undefined; to?: string | undefined }, now: Date): RangeDecision {
  const to = query.to ?? utcDay(now.getTime());
  const from = query.from ?? maxDay(addDays(to, -(DEFAULT_DAYS - 1)), EARLIEST_DAY);
  if (from > to) return { ok: false, errors: [{ field: 'to', message: 'must not be before from' }] };
  if (daysIn({ from, to }) > MAX_DAYS) return { ok: false, errors: [{ field: 'from', message: `must be at most ${MAX_DAYS} days back from to (both included)` }] };
  return { ok: true, range: { from, to } };
}

const maxDay = (a: string, b: string) => (a > b ? a : b);

/** How many days a range holds, both ends included. */
export const daysIn = (range: DayRange): number => Math.round((dayMs(range.to) - dayMs(range.from)) / DAY_MS) + 1;

/** One day of the answer. */
export interface DayStats extends Counts {
  date: string;
}

export interface StatsReport {
  days: DayStats[];
  totals: Counts;
}

/** The answer for a range: every day of it in order, zeros where nothing was counted, and the totals. */
export function statsReport(range: DayRange, stored: readonly DayStats[]): StatsReport {
  const byDay = new Map(stored.map((row) => [row.date, row]));
  const days: DayStats[] = [];
  const totals: Counts = { ...ZERO };
  const first = dayMs(range.from);
  for (let i = 0; i < daysIn(range); i++) {
    const date = utcDay(first + i * DAY_MS);
    const row = byDay.get(date);
    const counts: DayStats = { date, ...(row ? countsOf(row) : ZERO) };
    days.push(counts);
    for (const counter of COUNTER_NAMES) totals[counter] += counts[counter];
  }
  return { days, totals };
}

const countsOf = ({ created, completed, deleted, remindersDelivered }: Counts): Counts => ({ created, completed, deleted, remindersDelivered });

