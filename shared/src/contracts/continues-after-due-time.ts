import * as z from 'zod/mini';
import { Recurrence } from './recurrence';
import { Rfc3339 } from './time';
import { withGapStart } from '../recurrence/gap-start';
import { seriesStartProblem } from '../recurrence/series-start';

/**
 * For a schema carrying `dueAt` and `recurrence`: an issue on `recurrence.rrule` when both are valid
 * and the rule names no date after the due time, so a series that could never continue is refused
 * when it is written (a 422) instead of ending silently after its first task. `applies` narrows it.
 */
export const continuesAfterDueTime = <T extends { dueAt?: string | null | undefined; recurrence?: Recurrence | null | undefined }>(applies: (value: T) => boolean = () => true) =>
  z.superRefine<T>((value, context) => {
    if (!value.dueAt || !value.recurrence || !applies(value)) return;
    if (!Rfc3339.safeParse(value.dueAt).success || !Recurrence.safeParse(value.recurrence).success) return;
    const problem = seriesStartProblem(withGapStart(value.recurrence, value.dueAt), value.dueAt);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['recurrence', 'rrule'], input: value.recurrence.rrule });
  });
