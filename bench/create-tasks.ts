import type { BenchSystem } from './bench-system';
import { type LoadResult, runLoad } from './http-load';
import { generateTask } from './task-generator';

export interface CreateTasksOptions {
  system: BenchSystem;
  count: number;
  concurrency: number;
  maxMs: number;
  /** The owner of the `index`-th task. */
  userOf: (index: number) => string;
  /** Added to the index so different batches get different tasks. */
  firstIndex?: number;
  now: Date;
  /** Prints a progress line every this many tasks (default 10,000). */
  progressEvery?: number;
  label: string;
}

/** Creates tasks with `POST /tasks` under bounded concurrency and time; a 201 is a success. */
export function createTasks(options: CreateTasksOptions): Promise<LoadResult> {
  const firstIndex = options.firstIndex ?? 0;
  return runLoad({
    count: options.count,
    concurrency: options.concurrency,
    maxMs: options.maxMs,
    progressEvery: options.progressEvery ?? 10_000,
    onProgress: (done, elapsedMs) =>
      console.log(`  ${options.label}: ${done.toLocaleString('en')} / ${options.count.toLocaleString('en')} in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(done / (elapsedMs / 1000))}/s)`),
    call: async (index) => {
      const taskIndex = firstIndex + index;
      const response = await fetch(`${options.system.url}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await options.system.token(options.userOf(taskIndex))}`, 'content-type': 'application/json' },
        body: JSON.stringify(generateTask(taskIndex, options.now)),
      });
      const body = await response.text();
      return response.status === 201 ? null : `POST /tasks answered ${response.status}: ${body.slice(0, 200)}`;
    },
  });
}
