import * as z from 'zod/mini';
import '#shared/contracts/english-errors';
import { DEFAULT_DELIVERY_POLICY } from './dispatcher/delivery-policy';

const positive = (fallback: number) => z._default(z.coerce.number<string>().check(z.int(), z.minimum(1)), fallback);

/** Variables the notification function reads besides the base ones. */
export const NotificationConfig = z.object({
  NODE_ENV: z._default(z.enum(['development', 'test', 'staging', 'production']), 'development'),
  /** Email is off unless set: `smtp://user:pass@host:587` or `smtps://...`. */
  SMTP_URL: z.optional(z.url({ protocol: /^smtps?$/ })),
  SMTP_FROM: z._default(z.string().check(z.minLength(3)), 'Todo <notifications@todo.local>'),
  NOTIFY_MAX_ATTEMPTS: positive(DEFAULT_DELIVERY_POLICY.maxAttempts),
  NOTIFY_BACKOFF_MS: positive(DEFAULT_DELIVERY_POLICY.initialDelayMs),
  NOTIFY_TIMEOUT_MS: positive(10_000),
});
export type NotificationConfig = z.infer<typeof NotificationConfig>;

/** Loopback and private webhook targets are allowed only while developing and testing (SSRF guard). */
export const allowsPrivateTargets = (config: Pick<NotificationConfig, 'NODE_ENV'>) => config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
