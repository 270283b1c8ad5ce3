import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen, type IPolicy } from 'cockatiel';
import { PermanentFailure } from '../channels/channel';

export interface ReceiverCircuitsOptions {
  /** Consecutive failures that open a circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before letting one try through. */
  halfOpenAfterMs: number;
  /** The dispatcher's clock, which decides when a circuit is idle. */
  clock: () => Date;
  /** Circuits kept at most; past it the least recently used is dropped (default 10,000). */
  maxCircuits?: number;
  /** A circuit without a try for this long is dropped (default 15 minutes, never less than `halfOpenAfterMs`). */
  idleMs?: number;
}

const countsAsFailure = (error: unknown) => !(error instanceof PermanentFailure) && (error as Error | null)?.name !== 'AbortError';

/** A try an open circuit refused without contacting the receiver. */
export const isOpenCircuit = (error: unknown) => error instanceof BrokenCircuitError;

/**
 * One circuit breaker per key (the dispatcher's: a user and a receiver): after `breakerThreshold`
 * failed tries in a row its circuit opens, and tries fail fast (`BrokenCircuitError`) until
 * `halfOpenAfterMs` lets one through. Retries are not here: a failed try goes back to the queue.
 *
 * Bounded, since users choose their receivers: circuits idle for `idleMs` are dropped, and past
 * `maxCircuits` the least recently used one. Dropping a circuit only forgets failures (the next try
 * is let through), so however many receivers someone makes, nobody else's deliveries are stopped.
 */
export function receiverCircuits(options: ReceiverCircuitsOptions) {
  const maxCircuits = options.maxCircuits ?? 10_000;
  const idleMs = Math.max(options.idleMs ?? 15 * 60_000, options.halfOpenAfterMs);
  // In order of last use: the least recently used first.
  const circuits = new Map<string, { circuit: IPolicy; usedAt: number }>();

  function dropIdle(now: number): void {
    for (const [key, entry] of circuits) {
      if (now - entry.usedAt < idleMs) return;
      circuits.delete(key);
    }
  }

  function circuitOf(key: string): IPolicy {
    const now = options.clock().getTime();
    dropIdle(now);
    const known = circuits.get(key);
    circuits.delete(key);
    if (!known && circuits.size >= maxCircuits) circuits.delete(circuits.keys().next().value!);
    const circuit = known?.circuit ?? circuitBreaker(handleWhen(countsAsFailure), { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) });
    circuits.set(key, { circuit, usedAt: now });
    return circuit;
  }

  return {
    /** Runs one try through the circuit of `key`. */
    execute<T>(key: string, attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
      return circuitOf(key).execute(({ signal: trySignal }) => attempt(trySignal), signal) as Promise<T>;
    },
    /** How many circuits are kept now. */
    get size() {
      return circuits.size;
    },
  };
}
