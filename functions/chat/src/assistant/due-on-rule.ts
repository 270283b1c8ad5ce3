import { rruleProblems } from '#shared/contracts/rrule';
import { nextOccurrence } from '#shared/recurrence/next-occurrence';
import { formatInZone, instantOf, wallClockAt } from '../time/zoned-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far ahead a new due day may be; a rule whose next day is further keeps the due time. */
const MAX_DAYS_AHEAD = 400;

/**
 * An instant whole periods of the rule before `start` (an hour, day or week of it; for a monthly or
 * yearly rule whole years, to a year that has the date, so a 31st or a 29 February stays itself): a
 * rule started there names the same times from `start` on as one started at `start` — the days
 * `start` stands for (its weekday, its day of the month), its time of day, its INTERVAL's phase.
 */
function periodsBefore(start: Date, freq: string, interval: number): Date {
  if (freq === 'HOURLY') return new Date(start.getTime() - interval * HOUR_MS);
  if (freq === 'DAILY') return new Date(start.getTime() - interval * DAY_MS);
  if (freq === 'WEEKLY') return new Date(start.getTime() - interval * 7 * DAY_MS);
  for (let periods = 1; periods <= 400; periods++) {
    const earlier = new Date(start);
    earlier.setUTCFullYear(start.getUTCFullYear() - interval * periods);
    if (earlier.getUTCDate() === start.getUTCDate()) return earlier;
  }
  throw new RangeError('no earlier year has the date');
}

/**
 * The due time that fits a new repetition: `dueAt` itself when the rule has it, else the rule's next
 * day after it at the same wall-clock time ("every weekday at 9" on a Monday, changed to "every tues
 * and thurs" → Tuesday 9:00). Asked of the recurrence engine on wall-clock times in the task's zone
 * (as if they were UTC), so a DST change keeps 9:00; `COUNT` and `UNTIL` aside.
 */
export function dueOnRule(dueAt: string, rruleText: string, timeZone: string): string {
  try {
    const rrule = rruleText
      .replace(/^RRULE:/i, '')
      .split(';')
      .filter((part) => !/^(COUNT|UNTIL)=/i.test(part))
      .join(';');
    if (rruleProblems(rrule).length > 0) return dueAt;
    const wall = wallClockAt(new Date(dueAt), timeZone);
    const floating = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
    const value = (name: string) => new RegExp(`(?:^|;)${name}=([^;]+)`, 'i').exec(rrule)?.[1]?.toUpperCase();
    const start = periodsBefore(floating, value('FREQ') ?? '', Number(value('INTERVAL') ?? 1));
    // From a start whole periods earlier, the first time after the one just before the due time:
    // the due time itself when the rule has it.
    const next = nextOccurrence({
      dueAt: start.toISOString(),
      completedAt: new Date(floating.getTime() - 1).toISOString(),
      index: 1,
      recurrence: { rrule, timezone: 'UTC' },
    });
    if (next.kind !== 'next') return dueAt;
    const day = new Date(next.dueAt);
    if (day.getTime() - floating.getTime() > MAX_DAYS_AHEAD * DAY_MS) return dueAt;
    const onDay = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    return formatInZone(instantOf({ ...onDay, hour: wall.hour, minute: wall.minute }, timeZone), timeZone);
  } catch {
    return dueAt;
  }
}
