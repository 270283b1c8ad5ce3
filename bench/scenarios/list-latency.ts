import type { BenchSystem } from '../bench-system';
import { createTasks } from '../create-tasks';
import { type LoadResult, runLoad } from '../http-load';

const DAY_MS = 86_400_000;

export interface ListLatencyOptions {
  system: BenchSystem;
  /** A user that already holds its share of the created tasks. */
  normalUser: string;
  heavyUser: string;
  heavyTasks: number;
  heavyConcurrency: number;
  heavyMaxMs: number;
  runs: number;
  concurrency: number;
  /** Per query and user. */
  maxMsPerQuery: number;
  now: Date;
}

export interface QueryLatency extends LoadResult {
  user: 'normal' | 'heavy';
  query: string;
  path: string;
  /** Items on the first answer, to show what the query returns. */
  items: number;
  requested: number;
}

export interface ListLatencyResult {
  scenario: 'list-latency';
  heavyUserCreate: LoadResult & { requested: number };
  queries: QueryLatency[];
}

export interface ListQueryCase {
  name: string;
  /** The path to time; may make untimed requests first (the cursor of page 1). */
  path: (get: (path: string) => Promise<{ items: unknown[]; nextCursor: string | null }>) => Promise<string>;
}

/** The list queries the bench times, and whose plans it records. */
export function listQueries(now: Date): ListQueryCase[] {
  const window = new URLSearchParams({ dueAfter: new Date(now.getTime() - 7 * DAY_MS).toISOString(), dueBefore: new Date(now.getTime() + 7 * DAY_MS).toISOString() });
  return [
    { name: 'default list', path: async () => '/tasks' },
    { name: 'q=<word>', path: async () => '/tasks?q=invoice' },
    { name: 'q=<prefix>', path: async () => '/tasks?q=inv' },
    { name: 'status=pending&sort=priority', path: async () => '/tasks?status=pending&sort=priority' },
    { name: 'tag=work&overdue=true', path: async () => '/tasks?tag=work&overdue=true' },
    { name: 'dueAfter/dueBefore ±7 days', path: async () => `/tasks?${window}` },
    {
      name: 'sort=title, cursor page 2',
      path: async (get) => {
        const first = await get('/tasks?sort=title');
        return first.nextCursor ? `/tasks?sort=title&cursor=${encodeURIComponent(first.nextCursor)}` : '/tasks?sort=title';
      },
    },
  ];
}

/** What every list query's p99 should stay under, in milliseconds. */
export const LIST_P99_GOAL_MS = 20;

/** Whether a query met {@link LIST_P99_GOAL_MS}, as the results say it. */
export const goalNote = (p99Ms: number) => `goal p99 < ${LIST_P99_GOAL_MS} ms ${p99Ms < LIST_P99_GOAL_MS ? 'met' : 'missed'}`;

export interface MeasureListOptions {
  system: BenchSystem;
  users: readonly (readonly [QueryLatency['user'], string])[];
  runs: number;
  concurrency: number;
  /** Per query and user. */
  maxMsPerQuery: number;
  now: Date;
}

/** Times every list query for each user, one query at a time, `runs` requests with `concurrency` in flight. */
export async function measureListQueries(options: MeasureListOptions): Promise<QueryLatency[]> {
  const { system } = options;
  const queries: QueryLatency[] = [];
  for (const [user, userId] of options.users) {
    const headers = { authorization: `Bearer ${await system.token(userId)}` };
    const get = async (path: string) => {
      const response = await fetch(`${system.url}${path}`, { headers });
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return (await response.json()) as { items: unknown[]; nextCursor: string | null };
    };
    for (const query of listQueries(options.now)) {
      const path = await query.path(get);
      const items = (await get(path)).items.length;
      const result = await runLoad({
        count: options.runs,
        concurrency: options.concurrency,
        maxMs: options.maxMsPerQuery,
        call: async () => {
          const response = await fetch(`${system.url}${path}`, { headers });
          await response.arrayBuffer();
          return response.status === 200 ? null : `GET ${path} answered ${response.status}`;
        },
      });
      console.log(`  ${user.padEnd(6)} ${query.name.padEnd(30)} p50 ${result.latency.p50Ms} ms  p99 ${result.latency.p99Ms} ms  (${items} items; ${goalNote(result.latency.p99Ms)})`);
      queries.push({ user, query: query.name, path, items, requested: options.runs, ...result });
    }
  }
  return queries;
}

/** `GET /tasks` latency for several filters and sorts, for a normal user and a user with many tasks. */
export async function listLatency(options: ListLatencyOptions): Promise<ListLatencyResult> {
  const { system } = options;
  const heavyUserCreate = await createTasks({
    system,
    count: options.heavyTasks,
    concurrency: options.heavyConcurrency,
    maxMs: options.heavyMaxMs,
    userOf: () => options.heavyUser,
    firstIndex: 10_000_000,
    now: options.now,
    progressEvery: 5_000,
    label: 'heavy user create',
  });
  const queries = await measureListQueries({
    system,
    users: [['normal', options.normalUser], ['heavy', options.heavyUser]],
    runs: options.runs,
    concurrency: options.concurrency,
    maxMsPerQuery: options.maxMsPerQuery,
    now: options.now,
  });
  return { scenario: 'list-latency', heavyUserCreate: { requested: options.heavyTasks, ...heavyUserCreate }, queries };
}
