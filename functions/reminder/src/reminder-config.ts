import * as z from 'zod/mini';
import '#shared/contracts/english-errors';

const port = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535));

/** The reminder function's own variables (on top of the base configuration). */
export const ReminderConfig = z.object({
  /** `local`: the function's own durable timer over its table; `dapr`: one Dapr job per reminder. */
  REMINDER_SCHEDULER: z._default(z.enum(['local', 'dapr']), 'local'),
  /** The sidecar's HTTP port; the Dapr injector sets it in the app container. */
  DAPR_HTTP_PORT: z._default(port, 3500),
  /** Sent to the sidecar as `dapr-api-token` when set. */
  DAPR_API_TOKEN: z.optional(z.string().check(z.minLength(1))),
  /** When set, job callbacks must carry it as `dapr-api-token` (Dapr sends it when an app token is configured). */
  APP_API_TOKEN: z.optional(z.string().check(z.minLength(1))),
});
export type ReminderConfig = z.infer<typeof ReminderConfig>;
