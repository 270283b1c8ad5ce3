import type { RecurrenceRule } from './recurrence-rule';
import { nextOccurrence, SEARCH_YEARS } from './next-occurrence';

/**
 * Why a series whose first task is due at `dueAt` would end with that task because its rule names no
 * later date, or null when it goes on. Asked of the recurrence engine itself, as if the first task
 * were completed on time, `COUNT` and `UNTIL` aside (they end a series on purpose); so the contract
 * and the recurrence function cannot disagree about it. Counted `from: 'completion'`, a series
 * starts on the day the task is completed, unknown until then: only the rule itself is checked.
 * @example seriesStartProblem({ rrule: 'FREQ=YEARLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=29', timezone: 'UTC' }, '2026-05-04T09:00:00Z')
 * // 'the rule names no date after the due time within the search (at most 100 years ahead)'
 */
export function seriesStartProblem(recurrence: RecurrenceRule, dueAt: string): string | null {
  if (recurrence.from === 'completion') return null;
  const rrule = recurrence.rrule.split(';').filter((part) => !/^(COUNT|UNTIL)=/i.test(part)).join(';');
  try {
    const next = nextOccurrence({ dueAt, completedAt: dueAt, index: 1, recurrence: { ...recurrence, rrule } });
    return next.kind === 'ended' ? `the rule names no date after the due time within the search (at most ${SEARCH_YEARS} years ahead)` : null;
  } catch (error) {
    return `the rule cannot be evaluated from this due time: ${(error as Error).message}`;
  }
}
