import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allScenarios, onRequestScenarios } from './all-scenarios';
import { readBenchConfig } from './bench-config';
import { machineFacts } from './machine';
import { type BenchResults, renderMarkdown, type ScenarioResult } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');

const config = readBenchConfig(process.env);
const only = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const known = [...allScenarios, ...onRequestScenarios];
const unknown = only.filter((name) => !known.some((scenario) => scenario.name === name));
if (unknown.length) throw new Error(`BENCH_ONLY names unknown scenarios: ${unknown.join(', ')} (known: ${known.map((s) => s.name).join(', ')})`);
const selected = only.length ? known.filter((scenario) => only.includes(scenario.name)) : allScenarios;

const startedAt = new Date();
const started = performance.now();
console.log(`bench: ${selected.map((s) => s.name).join(', ')}; ${config.tasks.toLocaleString('en')} tasks over ${config.users} users, concurrency ${config.concurrency}`);

const scenarios: ScenarioResult[] = [];
for (const scenario of selected) {
  console.log(`\n== ${scenario.name}`);
  const began = performance.now();
  const seconds = () => Math.round((performance.now() - began) / 1000);
  try {
    const report = await scenario.run({ config, root });
    scenarios.push({ scenario: scenario.name, status: 'ran', seconds: seconds(), ...report });
  } catch (error) {
    console.error(`  ${scenario.name} failed:`, error);
    scenarios.push({ scenario: scenario.name, status: 'failed', seconds: seconds(), reason: error instanceof Error ? error.message : String(error) });
  }
}

const results: BenchResults = {
  machine: machineFacts(startedAt),
  config: { tasks: config.tasks, concurrency: config.concurrency, users: config.users, heavyTasks: config.heavyTasks, databaseUrl: !!config.databaseUrl },
  elapsedSeconds: Math.round((performance.now() - started) / 1000),
  scenarios,
};
const markdown = renderMarkdown(results);
mkdirSync(resultsDir, { recursive: true });
const suffix = only.length ? `-${only.join('+')}` : '';
writeFileSync(join(resultsDir, `latest${suffix}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(resultsDir, `latest${suffix}.md`), markdown);
console.log(`\n${markdown}`);
console.log(`written: bench/results/latest${suffix}.json, bench/results/latest${suffix}.md`);
