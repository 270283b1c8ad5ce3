import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen, type IPolicy } from 'cockatiel';
import { PermanentFailure } from '../channels/channel';

export interface DeliveryPolicyOptions {
  /** Tries per notification, the first included (default 12). */
  maxAttempts: number;
  /** Wait after the first failed try; doubles after each one (2 s, 4 s, 8 s … by default). */
  initialDelayMs: number;
  /** The longest wait between two tries (default 1 hour). */
  maxDelayMs: number;
  /** Consecutive failures that open a receiver's circuit (default 5). */
  breakerThreshold: number;
  /** How long an open circuit fails fast before letting one try through (default 30 s). */
  halfOpenAfterMs: number;
  /** Tries in flight at once to one receiver (default 4), so a slow receiver never takes every slot. */
  perReceiver: number;
}

/** 12 tries over about 68 minutes: 2 s, 4 s, 8 s … then hourly, with a receiver's circuit open after 5 failures in a row. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicyOptions = {
  maxAttempts: 12,
  initialDelayMs: 2_000,
  maxDelayMs: 60 * 60_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  perReceiver: 4,
};

const MAX_CIRCUITS = 1_000;
const countsAsFailure = (error: unknown) => !(error instanceof PermanentFailure) && (error as Error | null)?.name !== 'AbortError';

/** The wait before the next try after `tries` failed ones: exponential, capped. */
export function retryDelayMs(options: Pick<DeliveryPolicyOptions, 'initialDelayMs' | 'maxDelayMs'>, tries: number): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, tries - 1));
}

/** A try the receiver's open circuit refused without contacting it. */
export const isOpenCircuit = (error: unknown) => error instanceof BrokenCircuitError;

/**
 * One circuit breaker per receiver (a webhook origin, the SMTP server): after `breakerThreshold`
 * failed tries in a row its circuit opens, and tries fail fast (`BrokenCircuitError`) until
 * `halfOpenAfterMs` lets one through. A receiver that keeps failing is not hammered and never slows
 * down the others. Retries are not here: a failed try goes back to the queue with its backoff.
 */
export function receiverCircuits(options: Pick<DeliveryPolicyOptions, 'breakerThreshold' | 'halfOpenAfterMs'>) {
  const circuits = new Map<string, IPolicy>();

  function circuitOf(key: string): IPolicy {
    let circuit = circuits.get(key);
    if (!circuit) {
      if (circuits.size >= MAX_CIRCUITS) circuits.delete(circuits.keys().next().value!);
      circuit = circuitBreaker(handleWhen(countsAsFailure), { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) });
      circuits.set(key, circuit);
    }
    return circuit;
  }

  return {
    /** Runs one try through the receiver's circuit. */
    execute<T>(key: string, attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
      return circuitOf(key).execute(({ signal: trySignal }) => attempt(trySignal), signal) as Promise<T>;
    },
  };
}
