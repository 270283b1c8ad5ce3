import * as z from 'zod/mini';
import '../contracts/english-errors';
import type { DaprSidecar } from '../dapr/dapr-sidecar';
import { daprRateLimiter } from './dapr-rate-limiter';
import { memoryRateLimiter } from './memory-rate-limiter';
import type { RateLimiter } from './rate-limiter';

const count = (max: number) => z.coerce.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Variables of a function that limits requests per user; spread into its config schema. */
export const RATE_LIMIT_VARIABLES = {
  /** `memory` (per process) or `dapr:<state store>` (shared by every pod, e.g. `dapr:statestore`). */
  RATE_LIMIT_STORE: z._default(z.string().check(z.regex(/^(memory|dapr:[A-Za-z0-9][A-Za-z0-9._-]*)$/, 'must be memory or dapr:<state store name>')), 'memory'),
  /** Requests per user and route in each window. */
  RATE_LIMIT_REQUESTS: z._default(count(1_000_000), 60),
  RATE_LIMIT_WINDOW_SECONDS: z._default(count(86_400), 60),
};

export interface RateLimitSettings {
  RATE_LIMIT_STORE: string;
  RATE_LIMIT_REQUESTS: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
}

/** The limiter `RATE_LIMIT_STORE` selects (a Dapr state store is reached through `sidecar`). */
export function rateLimiterFor(settings: RateLimitSettings, sidecar: DaprSidecar): RateLimiter {
  const policy = { limit: settings.RATE_LIMIT_REQUESTS, windowSeconds: settings.RATE_LIMIT_WINDOW_SECONDS };
  if (!settings.RATE_LIMIT_STORE.startsWith('dapr:')) return memoryRateLimiter(policy);
  return daprRateLimiter({ sidecar, store: settings.RATE_LIMIT_STORE.slice('dapr:'.length), policy });
}
