import { v7 as uuidv7 } from 'uuid';
import type { Sql } from '#shared/db/connect';
import { decideComplete, decideCreate } from '../functions/task/src/decide';
import { TASK_SOURCE } from '../functions/task/src/task-deps';
import { insertTask } from '../functions/task/src/task-store';
import { seededRandom, generateTask } from './task-generator';

const DAY_MS = 86_400_000;
const BATCH = 2_000;
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

export interface SeedTasksOptions {
  sql: Sql;
  schema: string;
  /** Tasks spread round-robin over `users` users, numbered as `POST /tasks` would get them from the generator. */
  tasks: number;
  users: number;
  userOf: (index: number) => string;
  heavyUser: string;
  /** The heavy user's tasks, interleaved evenly with the others' (a long-lived account, not one burst). */
  heavyTasks: number;
  /** Generator index of the heavy user's first task, as in the HTTP bench. */
  heavyFirstIndex: number;
  now: Date;
  label: string;
}

/**
 * Whether the task is done by `now`: most of the overdue ones, some undated, few of those still to come.
 * Deterministic per index, so two seeds hold the same tasks.
 */
function completionOf(index: number, createdAt: Date, dueAt: string | null, now: Date): Date | null {
  const random = seededRandom(index * 7_919 + 1);
  const share = dueAt === null ? 0.3 : new Date(dueAt) < now ? 0.7 : 0.05;
  if (random() >= share) return null;
  return new Date(createdAt.getTime() + Math.floor(random() * (now.getTime() - createdAt.getTime())));
}

/**
 * Writes tasks straight into the task function's table, through the function's own `decideCreate`,
 * `decideComplete` and `insertTask`: the rows `POST /tasks` (and a later completion) would write, at
 * thousands a second instead of hundreds. Created over the year before `now`, in creation order; no
 * events or outbox rows (nothing consumes them here).
 */
export async function seedTasks(options: SeedTasksOptions): Promise<{ seconds: number }> {
  const { sql, schema, now } = options;
  const total = options.tasks + options.heavyTasks;
  const stepMs = (365 * DAY_MS) / total;
  const started = performance.now();
  let normal = 0;
  let heavy = 0;
  for (let first = 0; first < total; first += BATCH) {
    await sql.begin(async (tx) => {
      const writes: Promise<boolean>[] = [];
      for (let row = first; row < Math.min(total, first + BATCH); row++) {
        const isHeavy = Math.floor(((row + 1) * options.heavyTasks) / total) > Math.floor((row * options.heavyTasks) / total);
        const index = isHeavy ? options.heavyFirstIndex + heavy++ : normal++;
        const userId = isHeavy ? options.heavyUser : options.userOf(index);
        const createdAt = new Date(now.getTime() - 365 * DAY_MS + Math.floor(row * stepMs));
        const context = { source: TASK_SOURCE, userId, traceparent: TRACEPARENT, now: createdAt, newId: () => uuidv7({ msecs: createdAt.getTime() }) };
        let { task } = decideCreate(generateTask(index, now), context);
        const completedAt = completionOf(index, createdAt, task.dueAt, now);
        if (completedAt) task = decideComplete(task, { ...context, now: completedAt }).task;
        writes.push(insertTask(tx, schema, userId, task));
      }
      await Promise.all(writes);
    });
    const done = Math.min(total, first + BATCH);
    if (done % 100_000 < BATCH || done === total) {
      const seconds = (performance.now() - started) / 1000;
      console.log(`  ${options.label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s)`);
    }
  }
  await sql`analyze ${sql(`${schema}.tasks`)}`;
  return { seconds: Math.round((performance.now() - started) / 1000) };
}
