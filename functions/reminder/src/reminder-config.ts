import * as z from 'zod/mini';
import '#shared/contracts/english-errors';

/** The reminder function's own variables (on top of the base configuration). */
export const ReminderConfig = z
  .object({
  /** `local`: the function's own durable timer over its table; `dapr`: one Dapr job per reminder. */
  REMINDER_SCHEDULER: z._default(z.enum(['local', 'dapr']), 'local'),
  /** Job callbacks must carry it as `dapr-api-token` (the sidecar sends the app token set by `dapr.io/app-token-secret`). */
  APP_API_TOKEN: z.optional(z.string().check(z.minLength(16, 'at least 16 characters'))),
})
  .check(
    z.refine((config) => config.REMINDER_SCHEDULER !== 'dapr' || !!config.APP_API_TOKEN, {
      path: ['APP_API_TOKEN'],
      message: 'is required with REMINDER_SCHEDULER=dapr: only the sidecar, presenting it, may trigger a reminder',
      when: () => true,
    }),
  );
export type ReminderConfig = z.infer<typeof ReminderConfig>;
