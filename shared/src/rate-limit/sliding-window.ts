/** At most about `limit` requests per key in any `windowSeconds` (a sliding window over two counters). */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  windowSeconds: number;
  /** Requests counted in the current fixed window, this one included when allowed. */
  count: number;
  /** Requests that would still be allowed right now. */
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface Window {
  /** Which fixed window since the epoch: part of the storage key, so each window counts from zero. */
  id: number;
  /** Whole seconds until it ends (at least 1). */
  secondsLeft: number;
  /** How much of it has passed, 0 to 1. */
  elapsed: number;
}

export function windowAt(policy: RateLimitPolicy, now: Date): Window {
  const seconds = now.getTime() / 1000;
  const id = Math.floor(seconds / policy.windowSeconds);
  const elapsed = seconds / policy.windowSeconds - id;
  return { id, secondsLeft: Math.max(1, Math.ceil((id + 1) * policy.windowSeconds - seconds)), elapsed };
}

/** What was counted for a key: in the window before the current one, and in the current one. */
export interface Counted {
  previous: number;
  current: number;
}

/**
 * Sliding window counter: the previous fixed window's count weighs as much as it still overlaps the
 * last `windowSeconds`, so a burst cannot reach twice the limit across a window boundary (as a plain
 * fixed window allows). A request is allowed when it still fits under the limit.
 */
export function decide(policy: RateLimitPolicy, counted: Counted, now: Date): RateLimitDecision {
  const { limit, windowSeconds } = policy;
  const window = windowAt(policy, now);
  // Rounded to a millionth, so that a count faded exactly to the limit is not refused for float dust.
  const estimate = Math.round((counted.previous * (1 - window.elapsed) + counted.current) * 1e6) / 1e6;
  if (estimate + 1 <= limit) {
    const count = counted.current + 1;
    return { allowed: true, limit, windowSeconds, count, remaining: Math.floor(limit - estimate - 1), retryAfterSeconds: 0 };
  }
  return { allowed: false, limit, windowSeconds, count: counted.current, remaining: 0, retryAfterSeconds: secondsUntilAllowed(policy, counted, window) };
}

/** Whole seconds, rounded up, but not for the float dust of a fraction times the window (19.0000001). */
const wholeSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds - 1e-6));

function secondsUntilAllowed(policy: RateLimitPolicy, counted: Counted, window: Window): number {
  const { limit, windowSeconds } = policy;
  const untilEnd = (1 - window.elapsed) * windowSeconds;
  // Within this window the previous count fades: previous × (1 − f) + current + 1 ≤ limit.
  if (counted.current + 1 <= limit && counted.previous > 0) {
    const fraction = 1 - (limit - counted.current - 1) / counted.previous;
    return wholeSeconds((fraction - window.elapsed) * windowSeconds);
  }
  // In the next window this one's count fades instead: current × (1 − f) + 1 ≤ limit.
  const fraction = Math.max(0, 1 - (limit - 1) / counted.current);
  return wholeSeconds(untilEnd + fraction * windowSeconds);
}
