import * as z from 'zod/mini';
import '#shared/contracts/english-errors';
import { BASE_VARIABLES } from '#shared/config/base-config';
import { RATE_LIMIT_VARIABLES } from '#shared/config/rate-limit-variables';

const { NODE_ENV, DATA_DIR, DATABASE_URL, AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, PORT } = BASE_VARIABLES;

const httpUrl = z.url({ protocol: /^https?$/ });

/** The chat function's own variables, and the base ones it reads (the same schemas as BaseConfig's). */
export const ChatConfig = z.object({
  NODE_ENV,
  DATA_DIR,
  DATABASE_URL,
  AUTH_JWT_SECRET,
  AUTH_JWKS_URL,
  AUTH_ISSUER,
  AUTH_AUDIENCE,
  /** This server's port, for direct calls when a request's own socket is unknown. */
  PORT,
  /** How the chat function reaches task, reminder and notification: plain HTTP or Dapr service invocation. */
  TASK_SERVICE: z._default(z.enum(['direct', 'dapr']), 'direct'),
  /** Direct mode: where each function answers; default the server this request arrived on. */
  TASK_URL: z.optional(httpUrl),
  REMINDER_URL: z.optional(httpUrl),
  NOTIFICATION_URL: z.optional(httpUrl),
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
