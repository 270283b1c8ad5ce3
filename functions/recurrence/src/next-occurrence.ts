import { RRuleTemporal } from 'rrule-temporal';
import type { Recurrence } from '#shared/contracts/recurrence';

/** What the schedule says about the task after this one. */
export type NextOccurrence =
  | { kind: 'next'; dueAt: string; index: number }
  /** `never`: the rule names no further date within about a century (see {@link SEARCH_PERIODS}). */
  | { kind: 'ended'; reason: 'count' | 'until' | 'never' };

export interface OccurrenceInput {
  /** The completed task's due time (any RFC 3339 instant). */
  dueAt: string;
  /** When the task was completed. */
  completedAt: string;
  recurrence: Recurrence;
  /** The completed task's place in its series (1 for the first task). */
  index: number;
}

type Zoned = NonNullable<ReturnType<RRuleTemporal['next']>>;

const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);

/**
 * How many periods of its frequency the search for the next slot may step through: about a century
 * (the longest real gap, Feb 29 across 2100, is 8 years). It bounds the work a rule that can never
 * match again (the 30th of a month that is always February, by its INTERVAL) costs the event loop.
 * HOURLY rules step day by day through days that cannot match, so the library's default suffices.
 */
const SEARCH_PERIODS: Record<string, number> = { YEARLY: 100, MONTHLY: 1_200, WEEKLY: 5_300, DAILY: 36_600, HOURLY: 10_000 };

/** The rule's parts without `RRULE:` and without `COUNT`, which the series index enforces instead. */
function ruleParts(rrule: string): { parts: string[]; count: number | null; freq: string; until: boolean } {
  const all = rrule.replace(/^RRULE:/i, '').split(';').filter(Boolean);
  const value = (name: string) => all.find((part) => part.toUpperCase().startsWith(`${name}=`))?.split('=')[1];
  const count = value('COUNT');
  return {
    parts: all.filter((part) => !part.toUpperCase().startsWith('COUNT=')),
    count: count === undefined ? null : Number(count),
    freq: (value('FREQ') ?? '').toUpperCase(),
    until: value('UNTIL') !== undefined,
  };
}

/** An instant as the input Temporal.ZonedDateTime.from() reads: exact instant, named zone. */
const zonedInput = (instant: string, timeZoneId: string) => ({ timeZoneId, toString: () => `${new Date(instant).toISOString()}[${timeZoneId}]` });

/** The instant in `zone` as a ZonedDateTime, built by the library's own Temporal. */
function zoned(instant: string, zone: string): Zoned {
  return new RRuleTemporal({ freq: 'DAILY', count: 1, dtstart: zonedInput(instant, zone) }).all()[0]!;
}

/**
 * The rule's start and the instant the next slot must be strictly after.
 * `schedule`: DTSTART is the due time; the slot comes after the due time and after the completion.
 * `completion`: DTSTART is the completion day at the due time's wall-clock time (sub-daily rules:
 * the completion instant); the slot comes after that start and after the completion.
 */
function anchor(input: OccurrenceInput, freq: string, parts: string[]): { dtstart: Zoned; after: number; parts: string[] } {
  const zone = input.recurrence.timezone;
  const due = zoned(input.dueAt, zone);
  const completed = zoned(input.completedAt, zone);
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

/**
 * The next task of a recurring series, computed by `rrule-temporal` in the recurrence's time zone.
 * The slot is the first one of the rule strictly after the reference (see {@link anchor}); `COUNT`
 * caps the series' number of tasks (index), `UNTIL` the slots themselves.
 *
 * @example
 * nextOccurrence({ dueAt: '2026-03-27T08:00:00Z', completedAt: '2026-03-27T10:00:00Z', index: 1,
 *   recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' } })
 * // → { kind: 'next', dueAt: '2026-03-30T07:00:00.000Z', index: 2 } (09:00 Berlin, summer time)
 */
export function nextOccurrence(input: OccurrenceInput): NextOccurrence {
  const { parts, count, freq, until } = ruleParts(input.recurrence.rrule);
  if (count !== null && input.index >= count) return { kind: 'ended', reason: 'count' };
  const start = anchor(input, freq, parts);
  const rule = new RRuleTemporal({ rruleString: start.parts.join(';'), dtstart: start.dtstart, maxIterations: SEARCH_PERIODS[freq] ?? 10_000 });
  let next: Zoned | null;
  try {
    next = rule.next(new Date(start.after), false);
  } catch (error) {
    if (/^Maximum iterations/.test((error as Error).message)) return { kind: 'ended', reason: 'never' };
    throw error;
  }
  if (!next) return { kind: 'ended', reason: until ? 'until' : 'never' };
  return { kind: 'next', dueAt: new Date(next.epochMilliseconds).toISOString(), index: input.index + 1 };
}
