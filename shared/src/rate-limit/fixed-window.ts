/** At most `limit` requests per key in each window of `windowSeconds` (windows aligned to the epoch). */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  windowSeconds: number;
  /** Requests counted in this window, this one included when allowed. */
  count: number;
  remaining: number;
  /** Seconds until the window ends (0 when allowed). */
  retryAfterSeconds: number;
}

export interface Window {
  /** Which window since the epoch: part of the storage key, so each window starts from zero. */
  id: number;
  /** Whole seconds until it ends (at least 1). */
  secondsLeft: number;
}

export function windowAt(policy: RateLimitPolicy, now: Date): Window {
  const seconds = now.getTime() / 1000;
  const id = Math.floor(seconds / policy.windowSeconds);
  return { id, secondsLeft: Math.max(1, Math.ceil((id + 1) * policy.windowSeconds - seconds)) };
}

/**
 * Fixed window: allowed while fewer than `limit` were counted in this window. A burst can reach twice
 * the limit across a window boundary; for chat requests per person that is fine and needs one counter.
 */
export function decide(policy: RateLimitPolicy, countedBefore: number, now: Date): RateLimitDecision {
  const { limit, windowSeconds } = policy;
  if (countedBefore >= limit) {
    return { allowed: false, limit, windowSeconds, count: countedBefore, remaining: 0, retryAfterSeconds: windowAt(policy, now).secondsLeft };
  }
  const count = countedBefore + 1;
  return { allowed: true, limit, windowSeconds, count, remaining: limit - count, retryAfterSeconds: 0 };
}
