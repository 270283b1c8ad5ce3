import type { Logger } from '../log/logger';

/** Thrown by `Lifecycle.step` when a stop began while the process was still starting. */
export class StopRequested extends Error {
  constructor() {
    super('stopped while starting');
    this.name = 'StopRequested';
  }
}

export interface StopOutcome {
  /** False when the deadline passed first. */
  completed: boolean;
  /** The steps that had not finished when the deadline passed. */
  waitingFor: string[];
}

export type LifecycleState = 'starting' | 'running' | 'stopping';

export interface StopStep {
  name: string;
  run: () => Promise<unknown> | unknown;
  /** The longest this step is waited for before the stop goes on to the next one (default: the time left). */
  budgetMs?: number;
}

/**
 * A process's life from start to stop. What start-up opens registers how it is closed; a stop runs
 * those steps one at a time, the last opened first, each within its budget and all within one
 * deadline, whatever state the start-up is in.
 */
export interface Lifecycle {
  /** Aborted as soon as a stop begins: open streams and start-up waits end on it. */
  readonly stopping: AbortSignal;
  /** `running` from `started()` until a stop begins: what `/ready` reports. */
  state(): LifecycleState;
  started(): void;
  /** Registers a step of the stop. Registered once the stop has begun, it runs at once. */
  onStop(step: StopStep): void;
  /** Awaits one start-up step; throws StopRequested if a stop began meanwhile. */
  step<T>(work: Promise<T>): Promise<T>;
  /** Runs the stop steps (once; later calls get the same outcome). */
  stop(): Promise<StopOutcome>;
}

export interface LifecycleOptions {
  log: Logger;
  /** Everything the stop does fits in this (default 10 s, below Knative's and Kubernetes' grace periods). */
  deadlineMs?: number;
}

export const DEFAULT_STOP_DEADLINE_MS = 10_000;

function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  return Promise.race([work.then(() => true), late]).finally(() => clearTimeout(timer));
}

export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { log } = options;
  const deadlineMs = options.deadlineMs ?? DEFAULT_STOP_DEADLINE_MS;
  const stopping = new AbortController();
  const steps: StopStep[] = [];
  let running = false;
  let outcome: Promise<StopOutcome> | null = null;

  async function runStep(step: StopStep): Promise<void> {
    try {
      await step.run();
    } catch (error) {
      log.warn({ step: step.name, err: error }, 'a stop step failed; stopping the rest');
    }
  }

  async function runSteps(deadline: number): Promise<StopOutcome> {
    const queue = steps.splice(0).reverse();
    while (queue.length > 0) {
      const step = queue[0]!;
      const left = deadline - Date.now();
      const budget = Math.min(step.budgetMs ?? left, left);
      const finished = await within(runStep(step), budget);
      // A timer can fire a millisecond before Date.now() reaches the deadline: a step given all the time left that did not finish ran out of it.
      if (!finished && (budget >= left || Date.now() >= deadline)) return { completed: false, waitingFor: queue.map((s) => s.name) };
      if (!finished) log.warn({ step: step.name, budgetMs: step.budgetMs }, 'a stop step is taking too long; going on without it');
      queue.shift();
    }
    return { completed: true, waitingFor: [] };
  }

  return {
    stopping: stopping.signal,
    state: () => (stopping.signal.aborted ? 'stopping' : running ? 'running' : 'starting'),
    started() {
      running = true;
    },
    onStop(step) {
      if (stopping.signal.aborted) void runStep(step);
      else steps.push(step);
    },
    async step(work) {
      try {
        const result = await work;
        if (stopping.signal.aborted) throw new StopRequested();
        return result;
      } catch (error) {
        // What failed because the stop closed it under the start-up is the stop, not a start-up error.
        throw stopping.signal.aborted ? new StopRequested() : error;
      }
    },
    stop() {
      return (outcome ??= (async () => {
        const began = Date.now();
        log.info({ running, deadlineMs }, 'stopping');
        running = false;
        stopping.abort();
        const result = await runSteps(began + deadlineMs);
        if (result.completed) log.info({ ms: Date.now() - began }, 'stopped');
        else log.error({ deadlineMs, waitingFor: result.waitingFor }, 'the stop did not finish within its deadline');
        return result;
      })());
    },
  };
}
