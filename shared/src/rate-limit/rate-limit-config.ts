import type { DaprSidecar } from '../dapr/dapr-sidecar';
import { daprRateLimiter } from './dapr-rate-limiter';
import { memoryRateLimiter } from './memory-rate-limiter';
import type { RateLimiter } from './rate-limiter';

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
