import * as z from 'zod/mini';
import { rruleProblems } from './rrule';
import { TimeZone } from './time';

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
