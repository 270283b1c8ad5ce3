import * as z from 'zod/mini';
import '#shared/contracts/english-errors';
import { RATE_LIMIT_VARIABLES } from '#shared/rate-limit/rate-limit-config';

const port = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535));
const httpUrl = z.url({ protocol: /^https?$/ });

/** The chat function's own variables (the shared ones come from BaseConfig). */
export const ChatConfig = z.object({
  NODE_ENV: z._default(z.enum(['development', 'test', 'staging', 'production']), 'development'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), '.data'),
  DATABASE_URL: z.optional(z.url({ protocol: /^postgres(ql)?$/ })),
  AUTH_JWT_SECRET: z.optional(z.string().check(z.minLength(32, 'at least 32 characters'))),
  AUTH_JWKS_URL: z.optional(z.url()),
  AUTH_ISSUER: z._default(z.string().check(z.minLength(1)), 'todo-local'),
  AUTH_AUDIENCE: z._default(z.string().check(z.minLength(1)), 'todo'),
  /** How the chat function reaches task, reminder and notification: plain HTTP or Dapr service invocation. */
  TASK_SERVICE: z._default(z.enum(['direct', 'dapr']), 'direct'),
  /** Direct mode: where each function answers; default the server this request arrived on. */
  TASK_URL: z.optional(httpUrl),
  REMINDER_URL: z.optional(httpUrl),
  NOTIFICATION_URL: z.optional(httpUrl),
  DAPR_HTTP_PORT: z._default(port, 3500),
  DAPR_API_TOKEN: z.optional(z.string().check(z.minLength(1))),
  /** Optional language-model mode (OpenAI-compatible chat completions with tools); off without a base URL. */
  OPENAI_BASE_URL: z.optional(httpUrl),
  OPENAI_API_KEY: z.optional(z.string().check(z.minLength(1))),
  OPENAI_MODEL: z._default(z.string().check(z.minLength(1)), 'gpt-4o-mini'),
  /** The time zone replies use when the page does not send its own. */
  DEFAULT_TIME_ZONE: z._default(z.string().check(z.minLength(1)), 'UTC'),
  /** How live updates reach the pages on every chat instance: `auto` is in-process on the embedded database, LISTEN/NOTIFY on a server. */
  LIVE_FANOUT: z._default(z.enum(['auto', 'in-process', 'postgres']), 'auto'),
  /** Per-user limits on POST /chat and /mcp: RATE_LIMIT_STORE, RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS. */
  ...RATE_LIMIT_VARIABLES,
});
export type ChatConfig = z.infer<typeof ChatConfig>;
