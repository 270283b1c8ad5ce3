import { taskModule } from '../../functions/task/src/task-module';
import { type BenchScenario, loadRow, type Row } from '../bench-scenario';
import { startBenchSystem, UNLIMITED_WRITES } from '../bench-system';
import { benchUser, createThroughput } from './create-throughput';
import { goalNote, listLatency } from './list-latency';

const MINUTE_MS = 60_000;

/** Task creation throughput over HTTP, then list/search/filter latency for a normal and a heavy user. */
export const taskApiScenario: BenchScenario = {
  name: 'task-api',
  async run({ config }) {
    const system = await startBenchSystem({ modules: [taskModule], databaseUrl: config.databaseUrl, env: UNLIMITED_WRITES });
    try {
      const now = new Date();
      const create = await createThroughput({ system, tasks: config.tasks, users: config.users, concurrency: config.concurrency, maxMs: 15 * MINUTE_MS, now });
      const list = await listLatency({
        system,
        normalUser: benchUser(0),
        heavyUser: 'bench-heavy-user',
        heavyTasks: config.heavyTasks,
        heavyConcurrency: config.concurrency,
        heavyMaxMs: 10 * MINUTE_MS,
        runs: 200,
        concurrency: 4,
        maxMsPerQuery: MINUTE_MS,
        now,
      });
      const rows: Row[] = [
        loadRow('POST /tasks', `${create.users} users, concurrency ${create.concurrency}`, create, create.requested),
        loadRow('POST /tasks', 'heavy user', list.heavyUserCreate, list.heavyUserCreate.requested),
      ];
      for (const query of list.queries) {
        const row = loadRow(`GET /tasks (${query.user})`, query.query, query, query.requested);
        row[7] = [`${query.items} items`, goalNote(query.latency.p99Ms), row[7]].filter(Boolean).join('; ');
        rows.push(row);
      }
      return { rows, details: { create, list } };
    } finally {
      await system.stop();
    }
  },
};
