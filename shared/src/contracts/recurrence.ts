import * as z from 'zod/mini';
import { rruleProblems, rruleSyntax } from './rrule';
import { TimeZone } from './time';

/** Adds one issue per problem of the rule, so the answer says what is wrong with it. */
const validRrule = z.superRefine<string>((value, context) => {
  for (const problem of rruleProblems(value)) context.addIssue({ code: 'custom', message: problem, input: value });
});

const Rrule = z.string().check(z.minLength(6), z.maxLength(500), validRrule);
z.globalRegistry.add(Rrule, { pattern: rruleSyntax(), description: 'an RFC 5545 RRULE without DTSTART', examples: ['FREQ=MONTHLY;BYMONTHDAY=1', 'FREQ=WEEKLY;BYDAY=MO,WE'] });

/** How a task repeats: an RFC 5545 RRULE (without DTSTART; the due time anchors it) in an IANA time zone. */
export const Recurrence = z.strictObject({
  rrule: Rrule,
  timezone: TimeZone,
  /** `schedule` (default): the next slot of the schedule; `completion`: counted from when the task was completed. */
  from: z.optional(z.enum(['schedule', 'completion'])),
  /**
   * Set by the server, never taken from the client: the wall-clock time the first due time was written
   * with when the zone skips it (a spring-forward gap, `2026-03-29T02:30:00` in Berlin). The task is
   * due at the time after the gap; the series keeps this time of day (RFC 5545 §3.3.5).
   */
  localStart: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'a local date-time such as 2026-03-29T02:30:00'))),
});
export type Recurrence = z.infer<typeof Recurrence>;

z.globalRegistry.add(Recurrence, { id: 'Recurrence' });
