import * as z from 'zod/mini';
import { seriesStartProblem } from '../recurrence/series-start';
import { rruleProblems } from './rrule';
import { Rfc3339, TimeZone } from './time';

/** Adds one issue per problem of the rule, so the answer says what is wrong with it. */
const validRrule = z.superRefine<string>((value, context) => {
  for (const problem of rruleProblems(value)) context.addIssue({ code: 'custom', message: problem, input: value });
});

/** How a task repeats: an RFC 5545 RRULE (without DTSTART; the due time anchors it) in an IANA time zone. */
export const Recurrence = z.strictObject({
  rrule: z.string().check(z.minLength(6), z.maxLength(500), validRrule),
  timezone: TimeZone,
  /** `schedule` (default): the next slot of the schedule; `completion`: counted from when the task was completed. */
  from: z.optional(z.enum(['schedule', 'completion'])),
});
export type Recurrence = z.infer<typeof Recurrence>;

/**
 * For a schema carrying `dueAt` and `recurrence`: an issue on `recurrence.rrule` when both are valid
 * and the rule names no date after the due time, so a series that could never continue is refused
 * when it is written (a 422) instead of ending silently after its first task. `applies` narrows it.
 */
export const continuesAfterDueTime = <T extends { dueAt?: string | null | undefined; recurrence?: Recurrence | null | undefined }>(applies: (value: T) => boolean = () => true) =>
  z.superRefine<T>((value, context) => {
    if (!value.dueAt || !value.recurrence || !applies(value)) return;
    if (!Rfc3339.safeParse(value.dueAt).success || !Recurrence.safeParse(value.recurrence).success) return;
    const problem = seriesStartProblem(value.recurrence, value.dueAt);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['recurrence', 'rrule'], input: value.recurrence.rrule });
  });

z.globalRegistry.add(Recurrence, { id: 'Recurrence' });
