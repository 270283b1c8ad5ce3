import * as z from 'zod/mini';
import '../contracts/english-errors';

const count = (max: number) => z.coerce.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Variables of a function that limits requests per user; spread into its config schema. */
export const RATE_LIMIT_VARIABLES = {
  /** `memory` (per process) or `dapr:<state store>` (shared by every pod, e.g. `dapr:statestore`). */
  RATE_LIMIT_STORE: z._default(z.string().check(z.regex(/^(memory|dapr:[A-Za-z0-9][A-Za-z0-9._-]*)$/, 'must be memory or dapr:<state store name>')), 'memory'),
  /** Requests per user and route in each window. */
  RATE_LIMIT_REQUESTS: z._default(count(1_000_000), 60),
  RATE_LIMIT_WINDOW_SECONDS: z._default(count(86_400), 60),
};
