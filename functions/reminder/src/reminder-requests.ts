import * as z from 'zod/mini';
import { one } from '#shared/http/query-parameters';
import { IsoDuration, Rfc3339 } from '#shared/contracts/time';
import { ReminderStatus } from './reminder';

export const MAX_LIST = 500;

/** `GET /reminders` query parameters. */
export const ReminderQuery = z.strictObject({
  status: z.optional(one(ReminderStatus)),
  taskId: z.optional(one(z.uuid('must be a task id (a UUID)'))),
  limit: z.optional(one(z.pipe(z.string().check(z.regex(/^(?:[1-9]\d?|[1-4]\d\d|500)$/, `must be a whole number from 1 to ${MAX_LIST}`)), z.transform(Number)))),
  cursor: z.optional(one(z.string().check(z.minLength(1), z.maxLength(500)))),
});
export type ReminderQuery = z.infer<typeof ReminderQuery>;

/** `POST /reminders/schedule`: an extra reminder at `remindAt`, or `before` the task's due time — exactly one. */
export const ScheduleReminder = z
  .strictObject({
    taskId: z.uuid('must be a task id (a UUID)'),
    remindAt: z.optional(Rfc3339),
    before: z.optional(IsoDuration),
  })
  .check(
    z.refine((body) => !(body.remindAt !== undefined && body.before !== undefined), { path: ['before'], message: 'give either remindAt or before, not both' }),
    z.refine((body) => body.remindAt !== undefined || body.before !== undefined, {
      path: ['remindAt'],
      message: 'give remindAt (an RFC 3339 time) or before (an ISO 8601 duration before the due time)',
    }),
  );
export type ScheduleReminder = z.infer<typeof ScheduleReminder>;
// "Exactly one of remindAt and before" as JSON Schema says it; the refinements above give the reasons.
z.globalRegistry.add(ScheduleReminder, { oneOf: [{ required: ['remindAt'] }, { required: ['before'] }] });

/** The `data` of every reminder job, which Dapr posts back as the callback body. */
export const JobData = z.object({ reminderId: z.uuid() });
export type JobData = z.infer<typeof JobData>;
