import type { Task } from '#shared/contracts/task';
import { nextOccurrence } from '#shared/recurrence/next-occurrence';
import { contentLine } from './ics-text';
import { localDateTime, utcDateTime } from './ics-values';
import { seriesRule } from './series-rule';
import { offsetSeconds, utcInstant, type WallClock, wallClock } from './zone-clock';

const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Whether the task is due at its series' `localStart`, a wall-clock time the zone skipped, read with either offset around the gap. */
function dueAtSkippedStart(task: Task & { dueAt: string }): boolean {
  const match = task.recurrence?.localStart ? LOCAL.exec(task.recurrence.localStart) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = utcInstant({ year, month, day, hour, minute, second });
  const due = Date.parse(task.dueAt);
  return [asUtc - DAY_MS, asUtc + DAY_MS].some((near) => asUtc - offsetSeconds(task.recurrence!.timezone, near) * 1000 === due);
}

function start(zone: string, local: WallClock, rule: string | null, extra: string[]): { lines: string[]; fromYear: number } | null {
  if (local.year < 1 || local.year > 9999) return null;
  return { fromYear: local.year, lines: [...contentLine('DTSTART', localDateTime(local), { TZID: zone }), ...(rule ? contentLine('RRULE', rule) : []), ...extra] };
}

/**
 * DTSTART and RRULE of a repeating task: the series as the recurrence function will create it, from
 * this task on, in the recurrence's zone (so its wall-clock time survives DST), and the year its
 * VTIMEZONE must cover from. Null when nothing repeats (then the task is one event).
 *
 * The first task of a series written at a time the spring gap skips (`recurrence.localStart`) is due
 * at an instant whose wall-clock time is not the series' time of day. Calendars read a DTSTART in a
 * gap differently (ical.js unlike RFC 5545 §3.3.5), so none is written: the series starts at its next
 * task, as the recurrence engine computes it, and this task is an RDATE at its due time.
 */
export function seriesSchedule(task: Task & { dueAt: string }): { lines: string[]; fromYear: number } | null {
  const recurrence = task.recurrence;
  const index = task.series?.index ?? 1;
  const rule = recurrence ? seriesRule(recurrence, index) : null;
  if (!recurrence || !rule) return null;
  if (!dueAtSkippedStart(task)) return start(recurrence.timezone, wallClock(recurrence.timezone, Date.parse(task.dueAt)), rule, []);
  const next = nextOccurrence({ dueAt: task.dueAt, completedAt: task.dueAt, recurrence, index });
  if (next.kind !== 'next') return null;
  return start(recurrence.timezone, wallClock(recurrence.timezone, Date.parse(next.dueAt)), seriesRule(recurrence, next.index), contentLine('RDATE', utcDateTime(Date.parse(task.dueAt))));
}
