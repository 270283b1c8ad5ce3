import * as z from 'zod/mini';
import { IsoDuration, Rfc3339 } from '#shared/contracts/time';
import { ReminderStatus } from './reminder';

/** A parameter given at most once; a problem names the parameter itself, not `name.0`. */
const one = <T extends z.core.$ZodType<unknown, string>>(item: T) =>
  z.pipe(
    z.pipe(z.array(z.string()).check(z.maxLength(1, 'give this parameter once')), z.transform((list: string[]) => list[0]!)),
    item,
  );

export const MAX_LIST = 500;

/** `GET /reminders` query parameters. */
export const ReminderQuery = z.strictObject({
  status: z.optional(one(ReminderStatus)),
  taskId: z.optional(one(z.uuid())),
  limit: z.optional(one(z.coerce.number<string>().check(z.int(), z.minimum(1), z.maximum(MAX_LIST)))),
});
export type ReminderQuery = z.infer<typeof ReminderQuery>;

/** `POST /reminders/schedule`: an extra reminder at `remindAt`, or `before` the task's due time — exactly one. */
export const ScheduleReminder = z
  .strictObject({
    taskId: z.uuid(),
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

/** The `data` of every reminder job, which Dapr posts back as the callback body. */
export const JobData = z.object({ reminderId: z.uuid() });
export type JobData = z.infer<typeof JobData>;
