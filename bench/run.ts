import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchConfig } from './bench-config';
import { startBenchSystem } from './bench-system';
import { machineFacts } from './machine';
import { type BenchResults, type FailedScenario, renderMarkdown } from './report';
import { coldStart } from './scenarios/cold-start';
import { benchUser, createThroughput } from './scenarios/create-throughput';
import { listLatency } from './scenarios/list-latency';

const MINUTE_MS = 60_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');

async function scenario<T>(name: string, run: () => Promise<T>): Promise<T | FailedScenario> {
  console.log(`\n== ${name}`);
  try {
    return await run();
  } catch (error) {
    console.error(`  ${name} failed:`, error);
    return { scenario: name, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

const config = readBenchConfig(process.env);
const startedAt = new Date();
const started = performance.now();
console.log(`bench: ${config.tasks.toLocaleString('en')} tasks over ${config.users} users, concurrency ${config.concurrency}`);

const system = await startBenchSystem();
let createResult: BenchResults['createThroughput'];
let listResult: BenchResults['listLatency'];
try {
  const now = new Date();
  createResult = await scenario('create-throughput', () =>
    createThroughput({ system, tasks: config.tasks, users: config.users, concurrency: config.concurrency, maxMs: 15 * MINUTE_MS, now }),
  );
  listResult = await scenario('list-latency', () =>
    listLatency({
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
    }),
  );
} finally {
  await system.stop();
}

const coldResult = await scenario('cold-start', () =>
  coldStart({ root, functionName: 'task', runs: 5, secret: randomBytes(24).toString('hex'), databaseUrl: config.databaseUrl, timeoutMs: 2 * MINUTE_MS }),
);

const results: BenchResults = {
  machine: machineFacts(startedAt),
  config: { tasks: config.tasks, concurrency: config.concurrency, users: config.users, heavyTasks: config.heavyTasks, databaseUrl: !!config.databaseUrl },
  elapsedSeconds: Math.round((performance.now() - started) / 1000),
  createThroughput: createResult,
  listLatency: listResult,
  coldStart: coldResult,
};
const markdown = renderMarkdown(results);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(resultsDir, 'latest.md'), markdown);
console.log(`\n${markdown}`);
console.log(`written: bench/results/latest.json, bench/results/latest.md`);
