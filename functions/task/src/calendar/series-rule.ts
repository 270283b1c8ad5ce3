import type { Recurrence } from '#shared/contracts/recurrence';
import { utcDateTime } from './ics-values';
import { lastSecondOfLocalDay } from './local-day';

const DATE_ONLY = /^(\d{4})(\d{2})(\d{2})$/;
/** DATE-TIME has four digits for the year: an end past 9999 is no end a calendar can read, nor a slot. */
const LAST_SECOND_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * The RRULE value (RFC 5545 §3.3.10) that makes a calendar expand the same series the recurrence
 * function will create, starting at this task (its due time is DTSTART, in the recurrence's zone);
 * null when there is nothing to repeat.
 *
 * - `COUNT` is the number of tasks in the whole series; the calendar's series starts at this task,
 *   the `index`-th, so it counts the tasks left.
 * - `UNTIL` as a date means the end of that day in the task's zone; beside a DTSTART with a TZID the
 *   RFC wants a UTC date-time, so it becomes the last second of that day there.
 * - `from: "completion"`: the next due time depends on when this task is completed, which no rule
 *   can say, so the task appears once.
 */
export function seriesRule(recurrence: Recurrence, index: number): string | null {
  if ((recurrence.from ?? 'schedule') === 'completion') return null;
  const parts: string[] = [];
  for (const part of recurrence.rrule.replace(/^RRULE:/i, '').split(';').filter(Boolean)) {
    const [name = '', value = ''] = part.toUpperCase().split('=');
    if (name === 'COUNT') {
      const left = Number(value) - index + 1;
      if (left <= 1) return null;
      parts.push(`COUNT=${left}`);
    } else if (name === 'UNTIL') {
      const date = DATE_ONLY.exec(value);
      const until = date ? utcDateTime(Math.min(LAST_SECOND_MS, lastSecondOfLocalDay(recurrence.timezone, { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }))) : value;
      parts.push(`UNTIL=${until}`);
    } else {
      parts.push(`${name}=${value}`);
    }
  }
  return parts.join(';');
}
