import { type LatencySummary, round1, summarize } from './stats';

export interface LoadOptions {
  /** How many calls to make at most. */
  count: number;
  concurrency: number;
  /** Stop starting new calls after this long; calls in flight finish. */
  maxMs: number;
  /** One call; resolves to an error text when the answer was not the expected one. */
  call: (index: number) => Promise<string | null>;
  /** Start call `i` no earlier than `i / pacePerSecond` seconds into the run (an open-loop rate). */
  pacePerSecond?: number;
  /** Called after every `progressEvery` completed calls. */
  onProgress?: (done: number, elapsedMs: number) => void;
  progressEvery?: number;
}

export interface LoadResult {
  attempted: number;
  succeeded: number;
  failed: number;
  /** Up to five distinct error texts. */
  errors: string[];
  elapsedMs: number;
  perSecond: number;
  latency: LatencySummary;
  /** True when the time cap stopped the run before `count` calls. */
  cappedByTime: boolean;
}

/** Runs `call` `count` times with at most `concurrency` in flight (at a fixed rate when paced), bounded in count and time. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors = new Set<string>();
  let next = 0;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const elapsed = () => performance.now() - started;

  const worker = async () => {
    while (next < options.count && elapsed() < options.maxMs) {
      const index = next++;
      if (options.pacePerSecond) {
        const wait = (index * 1000) / options.pacePerSecond - elapsed();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const sent = performance.now();
      const error = await options.call(index).catch((thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown)));
      if (error === null) latencies.push(performance.now() - sent);
      else {
        failed++;
        if (errors.size < 5) errors.add(error);
      }
      done++;
      if (options.onProgress && options.progressEvery && done % options.progressEvery === 0) options.onProgress(done, elapsed());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const elapsedMs = elapsed();
  return {
    attempted: done,
    succeeded: latencies.length,
    failed,
    errors: [...errors],
    elapsedMs: Math.round(elapsedMs),
    perSecond: round1(latencies.length / (elapsedMs / 1000)),
    latency: summarize(latencies),
    cappedByTime: done < options.count,
  };
}
