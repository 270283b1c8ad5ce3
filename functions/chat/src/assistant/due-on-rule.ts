import rrule from 'rrule';
import { formatInZone, instantOf, wallClockAt } from '../language/zoned-time';

const { RRule } = rrule;
const DAY_MS = 86_400_000;

/**
 * The due time that fits a new repetition: `dueAt` itself when the rule has it, else the rule's next
 * day after it at the same wall-clock time ("every weekday at 9" on a Monday, changed to "every tues
 * and thurs" → Tuesday 9:00). Computed on wall-clock times in the task's zone, so a DST change keeps 9:00.
 */
export function dueOnRule(dueAt: string, rruleText: string, timeZone: string): string {
  try {
    const wall = wallClockAt(new Date(dueAt), timeZone);
    // Wall-clock times as if they were UTC: rrule then steps days without any zone of its own.
    const floating = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
    const options = RRule.parseString(rruleText.replace(/^RRULE:/i, ''));
    const rule = new RRule({ ...options, dtstart: floating, count: undefined, until: undefined });
    const next = rule.after(floating, true);
    if (!next || next.getTime() - floating.getTime() > 400 * DAY_MS) return dueAt;
    const day = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    return formatInZone(instantOf({ ...day, hour: wall.hour, minute: wall.minute }, timeZone), timeZone);
  } catch {
    return dueAt;
  }
}
