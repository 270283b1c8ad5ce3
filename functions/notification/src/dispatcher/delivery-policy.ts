import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, noJitterGenerator, retry, wrap, type IPolicy } from 'cockatiel';
import { PermanentFailure } from '../channels/channel';

export interface DeliveryPolicyOptions {
  /** Attempts per dispatch, the first included (default 5). */
  maxAttempts: number;
  /** Wait before the first retry; doubles each time (0.5 s, 1 s, 2 s, 4 s by default). */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failures that open a circuit (default 5). */
  breakerThreshold: number;
  /** How long an open circuit fails fast before letting one attempt through (default 30 s). */
  halfOpenAfterMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicyOptions = { maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 30_000, breakerThreshold: 5, halfOpenAfterMs: 30_000 };

const MAX_CIRCUITS = 1_000;
const retryable = (error: unknown) => !(error instanceof PermanentFailure) && (error as Error | null)?.name !== 'AbortError';

/**
 * Retry with exponential backoff around a circuit breaker, one circuit per key (a webhook origin, the
 * SMTP server): a receiver that keeps failing is skipped fast (`BrokenCircuitError`, retried like any
 * failure) instead of being hammered, and never slows down other receivers.
 */
export function deliveryPolicies(options: DeliveryPolicyOptions) {
  const circuits = new Map<string, IPolicy>();
  const backoff = new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs, generator: noJitterGenerator });
  const retries = retry(handleWhen(retryable), { maxAttempts: options.maxAttempts - 1, backoff }).dangerouslyUnref();

  function policyFor(key: string): IPolicy {
    let policy = circuits.get(key);
    if (!policy) {
      if (circuits.size >= MAX_CIRCUITS) circuits.delete(circuits.keys().next().value!);
      const breaker = circuitBreaker(handleWhen(retryable), { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) });
      policy = wrap(retries, breaker);
      circuits.set(key, policy);
    }
    return policy;
  }

  return {
    /** Runs `attempt` under the key's policies; `attempt` is called once per try. */
    execute<T>(key: string, attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
      return policyFor(key).execute(({ signal: attemptSignal }) => attempt(attemptSignal), signal) as Promise<T>;
    },
  };
}
