import type { BenchConfig } from './bench-config';
import type { LoadResult } from './http-load';
import type { MachineFacts } from './machine';
import type { ColdStartResult } from './scenarios/cold-start';
import type { CreateThroughputResult } from './scenarios/create-throughput';
import type { ListLatencyResult } from './scenarios/list-latency';

/** A scenario that threw instead of producing figures. */
export interface FailedScenario {
  scenario: string;
  status: 'failed';
  reason: string;
}

export interface BenchResults {
  machine: MachineFacts;
  config: Omit<BenchConfig, 'databaseUrl'> & { databaseUrl: boolean };
  elapsedSeconds: number;
  createThroughput: CreateThroughputResult | FailedScenario;
  listLatency: ListLatencyResult | FailedScenario;
  coldStart: ColdStartResult | FailedScenario;
}

type Row = [scenario: string, scope: string, n: string, perSecond: string, p50: string, p99: string, max: string, note: string];

const num = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en') : '–');

function loadRow(scenario: string, scope: string, result: LoadResult, requested: number): Row {
  const notes = [
    result.cappedByTime ? `time cap: ${result.attempted} of ${requested}` : '',
    result.failed ? `${result.failed} failed: ${result.errors[0] ?? ''}` : '',
  ].filter(Boolean);
  const { latency } = result;
  return [scenario, scope, num(result.succeeded), num(result.perSecond), num(latency.p50Ms), num(latency.p99Ms), num(latency.maxMs), notes.join('; ')];
}

function rows(results: BenchResults): Row[] {
  const out: Row[] = [];
  const failed = (name: string, reason: string): Row => [name, '', '', '', '', '', '', `failed: ${reason.split('\n')[0]}`];
  const create = results.createThroughput;
  if ('reason' in create) out.push(failed('POST /tasks', create.reason));
  else out.push(loadRow('POST /tasks', `${create.users} users, concurrency ${create.concurrency}`, create, create.requested));

  const list = results.listLatency;
  if ('reason' in list) out.push(failed('GET /tasks', list.reason));
  else {
    out.push(loadRow('POST /tasks', 'heavy user', list.heavyUserCreate, list.heavyUserCreate.requested));
    for (const query of list.queries) {
      const row = loadRow(`GET /tasks (${query.user})`, query.query, query, query.requested);
      row[7] = [`${query.items} items`, row[7]].filter(Boolean).join('; ');
      out.push(row);
    }
  }

  const cold = results.coldStart;
  if ('reason' in cold) out.push(cold.status === 'skipped' ? ['cold start', '', '', '', '', '', '', `skipped: ${cold.reason.split('\n')[0]}`] : failed('cold start', cold.reason));
  else {
    for (const item of cold.cases) {
      const note = [`${cold.bundle} ${num(cold.bundleKiB)} KiB`, item.errors.length ? `${item.errors.length} failed: ${item.errors[0]}` : ''].filter(Boolean).join('; ');
      out.push(['cold start → /ready', item.name, num(item.runs), '', num(item.p50Ms), '', num(item.maxMs), note]);
    }
  }
  return out;
}

const escape = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The results as a short markdown page: machine facts, then one table of every figure. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, config } = results;
  const header: Row = ['Scenario', 'Case', 'n', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'Note'];
  const table = [header, header.map(() => '---') as Row, ...rows(results)].map((row) => `| ${row.map(escape).join(' | ')} |`);
  return [
    '# Benchmark',
    '',
    '| Machine | |',
    '| --- | --- |',
    `| date | ${machine.date} |`,
    `| node | ${machine.node} |`,
    `| cpus | ${machine.cpus} × ${machine.cpuModel} |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| platform | ${machine.platform} |`,
    `| settings | ${config.tasks.toLocaleString('en')} tasks, ${config.users} users, concurrency ${config.concurrency}, heavy user ${config.heavyTasks.toLocaleString('en')} tasks |`,
    `| run time | ${results.elapsedSeconds} s |`,
    '',
    ...table,
    '',
  ].join('\n');
}
