import type { RateLimitDecision } from './sliding-window';

/**
 * Counts a request for a key and says whether it may go ahead. Rejects when its store cannot answer;
 * the caller decides what that means (the HTTP middleware lets the request through).
 */
export interface RateLimiter {
  readonly store: 'memory' | 'dapr';
  hit(key: string, now: Date): Promise<RateLimitDecision>;
}
