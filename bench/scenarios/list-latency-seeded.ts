import { connect, type Sql } from '#shared/db/connect';
import { taskModule } from '../../functions/task/src/task-module';
import type { BenchConfig } from '../bench-config';
import { type BenchScenario, loadRow, num, type Row } from '../bench-scenario';
import { startBenchSystem } from '../bench-system';
import { explainListPaths, type ListPlan } from '../list-plans';
import { seedTasks } from '../seed-tasks';
import { benchUser } from './create-throughput';
import { goalNote, measureListQueries, type QueryLatency } from './list-latency';

const MINUTE_MS = 60_000;
const HEAVY_USER = 'bench-heavy-user';
/** Its own schema, so it neither meets nor disturbs the tasks `task-api` creates in the same database. */
const listModule = { ...taskModule, schema: 'list_latency' };

interface Seeding {
  tasks: number;
  /** Seconds the seed took; null when the tasks of an earlier run were reused. */
  seconds: number | null;
  /** The newest task's creation: when the tasks were seeded. */
  seededAt: string;
}

/** Seeds an empty task table, or reuses one this scenario seeded with the same settings. */
async function seedOrReuse(sql: Sql, config: BenchConfig, now: Date): Promise<Seeding> {
  const { schema } = listModule;
  const total = config.tasks + config.heavyTasks;
  const count = async () => {
    const [row] = await sql<{ all: number; heavy: number; newest: Date | null }[]>`
      select count(*)::int as all, count(*) filter (where user_id = ${HEAVY_USER})::int as heavy, max(created_at) as newest from ${sql(`${schema}.tasks`)}`;
    return row!;
  };
  const before = await count();
  if (before.all === total && before.heavy === config.heavyTasks && before.newest) {
    console.log(`  reusing the ${num(total)} tasks seeded at ${before.newest.toISOString()}`);
    return { tasks: total, seconds: null, seededAt: before.newest.toISOString() };
  }
  if (before.all !== 0) {
    throw new Error(`${schema}.tasks holds ${num(before.all)} tasks, not the ${num(total)} this run would seed: give list-latency an empty database, or one it seeded with the same BENCH_TASKS and BENCH_HEAVY_TASKS`);
  }
  const { seconds } = await seedTasks({ sql, schema, tasks: config.tasks, users: config.users, userOf: (index) => benchUser(index % config.users), heavyUser: HEAVY_USER, heavyTasks: config.heavyTasks, heavyFirstIndex: 10_000_000, now, label: 'seed' });
  // What autovacuum would have done to a table this old: the visibility map set, statistics fresh.
  await sql`vacuum analyze ${sql(`${schema}.tasks`)}`;
  return { tasks: total, seconds, seededAt: (await count()).newest!.toISOString() };
}

const fence = (text: string) => ['```', text, '```'].join('\n');

function plansMarkdown(config: BenchConfig, seeding: Seeding, latencies: QueryLatency[], plans: ListPlan[]): string {
  const sections = plans.map((plan) => {
    const latency = latencies.find((entry) => entry.user === 'heavy' && entry.path === plan.path);
    const figures = latency ? `p50 ${latency.latency.p50Ms} ms, p99 ${latency.latency.p99Ms} ms, ${latency.items} items; ${goalNote(latency.latency.p99Ms)}` : '';
    return [`### ${latency?.query ?? plan.path}: ${figures}`, '', `\`GET ${plan.path}\``, '', fence(plan.statement.trim().split('\n').map((line) => line.trim()).join('\n')), '', fence(plan.plan)].join('\n');
  });
  return [
    `## Plans of the heavy user's queries (${num(config.heavyTasks)} of ${num(seeding.tasks)} tasks)`,
    '',
    `Tasks seeded with SQL at ${seeding.seededAt} (\`bench/seed-tasks.ts\`: the task function's \`decideCreate\`, \`decideComplete\` and \`insertTask\`, the rows \`POST /tasks\` and a completion write), ` +
      'created over the year before, the heavy user\'s tasks interleaved with everyone else\'s, a third or so done (most of the overdue ones). Each statement is the one `listTasks` sends, ' +
      'explained with `EXPLAIN (ANALYZE, BUFFERS)` and its values after the timed runs.',
    '',
    sections.join('\n\n'),
  ].join('\n');
}

/**
 * `GET /tasks` latency with many tasks stored (1,000,000 with BENCH_TASKS=900000 BENCH_HEAVY_TASKS=100000),
 * seeded with SQL instead of `POST /tasks` (hours at a few hundred a second), on a PostgreSQL server;
 * the plan of each of the heavy user's queries goes into the results.
 */
export const listLatencyScenario: BenchScenario = {
  name: 'list-latency',
  async run({ config }) {
    const { databaseUrl } = config;
    if (!databaseUrl) throw new Error('list-latency seeds its tasks with SQL on a PostgreSQL server: set BENCH_DATABASE_URL');
    const system = await startBenchSystem({ modules: [listModule], databaseUrl });
    const sql = connect(databaseUrl, { max: 2, applicationName: 'bench-seed' });
    try {
      const now = new Date();
      const seeding = await seedOrReuse(sql, config, now);
      const users = [['normal', benchUser(0)], ['heavy', HEAVY_USER]] as const;
      const queries = await measureListQueries({ system, users, runs: 200, concurrency: 4, maxMsPerQuery: MINUTE_MS, now });
      const heavyPaths = queries.filter((query) => query.user === 'heavy').map((query) => query.path);
      const plans = await explainListPaths({ databaseUrl, schema: listModule.schema, userId: HEAVY_USER, paths: heavyPaths, now });
      const seedNote = seeding.seconds === null ? `reused, seeded at ${seeding.seededAt}` : `seeded with SQL in ${seeding.seconds} s`;
      const rows: Row[] = [['tasks stored', `${num(config.tasks)} over ${config.users} users + ${num(config.heavyTasks)} for the heavy user`, num(seeding.tasks), '', '', '', '', seedNote]];
      for (const query of queries) {
        const row = loadRow(`GET /tasks (${query.user})`, query.query, query, query.requested);
        row[7] = [`${query.items} items`, goalNote(query.latency.p99Ms), row[7]].filter(Boolean).join('; ');
        rows.push(row);
      }
      return { rows, details: { seeding, queries }, appendix: plansMarkdown(config, seeding, queries, plans) };
    } finally {
      await sql.end();
      await system.stop();
    }
  },
};
