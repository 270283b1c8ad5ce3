export interface DeliveryPolicyOptions {
  /** Tries per notification, the first included (default 12). */
  maxAttempts: number;
  /** Wait after the first failed try; doubles after each one (2 s, 4 s, 8 s … by default). */
  initialDelayMs: number;
  /** The longest wait between two tries (default 1 hour). */
  maxDelayMs: number;
  /** Consecutive failures that open the circuit of one user's receiver (default 5). */
  breakerThreshold: number;
  /** How long an open circuit fails fast before letting one try through (default 30 s). */
  halfOpenAfterMs: number;
  /** Tries in flight at once of one user to one receiver (default 4), so a slow receiver never takes every slot. */
  perReceiver: number;
  /** Tries in flight at once of one user over all their receivers (default 6), so one user never takes every slot. */
  perUser: number;
  /** Tries in flight at once in one dispatcher (default 16). */
  concurrency: number;
}

/** 12 tries over about 68 minutes: 2 s, 4 s, 8 s … then hourly, with a circuit open after 5 failures in a row. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicyOptions = {
  maxAttempts: 12,
  initialDelayMs: 2_000,
  maxDelayMs: 60 * 60_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  perReceiver: 4,
  perUser: 6,
  concurrency: 16,
};

/** The wait before the next try after `tries` failed ones: exponential, capped. */
export function retryDelayMs(options: Pick<DeliveryPolicyOptions, 'initialDelayMs' | 'maxDelayMs'>, tries: number): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, tries - 1));
}
