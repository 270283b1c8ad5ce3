import type { BenchSystem } from '../bench-system';
import { createTasks } from '../create-tasks';
import type { LoadResult } from '../http-load';

export interface CreateThroughputOptions {
  system: BenchSystem;
  tasks: number;
  users: number;
  concurrency: number;
  maxMs: number;
  now: Date;
}

export interface CreateThroughputResult extends LoadResult {
  scenario: 'create-throughput';
  requested: number;
  users: number;
  concurrency: number;
}

/** The id of the `index`-th of `users` bench users. */
export const benchUser = (index: number) => `bench-user-${String(index).padStart(3, '0')}`;

/** Task creation throughput over HTTP: `tasks` creates spread round-robin over `users` users. */
export async function createThroughput(options: CreateThroughputOptions): Promise<CreateThroughputResult> {
  const result = await createTasks({
    system: options.system,
    count: options.tasks,
    concurrency: options.concurrency,
    maxMs: options.maxMs,
    userOf: (index) => benchUser(index % options.users),
    now: options.now,
    label: 'create',
  });
  return { scenario: 'create-throughput', requested: options.tasks, users: options.users, concurrency: options.concurrency, ...result };
}
