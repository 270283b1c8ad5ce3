import type { BenchConfig } from './bench-config';
import type { Row } from './bench-scenario';
import type { MachineFacts } from './machine';

/** A scenario's outcome in the results file. */
export type ScenarioResult =
  | { scenario: string; status: 'ran'; seconds: number; rows: Row[]; details: unknown; appendix?: string }
  | { scenario: string; status: 'failed'; seconds: number; reason: string };

export interface BenchResults {
  machine: MachineFacts;
  config: Omit<BenchConfig, 'databaseUrl'> & { databaseUrl: boolean };
  elapsedSeconds: number;
  scenarios: ScenarioResult[];
}

const escape = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');

function rowsOf(result: ScenarioResult): Row[] {
  if (result.status === 'ran') return result.rows;
  return [[result.scenario, '', '', '', '', '', '', `failed: ${result.reason.split('\n')[0]}`]];
}

/** The results as a short markdown page: machine facts, then one table of every figure, then what scenarios append. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, config } = results;
  const header: Row = ['Scenario', 'Case', 'n', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'Note'];
  const rows = results.scenarios.flatMap(rowsOf);
  const table = [header, header.map(() => '---') as Row, ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`);
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
    `| settings | ${config.tasks.toLocaleString('en')} tasks, ${config.users} users, concurrency ${config.concurrency}, heavy user ${config.heavyTasks.toLocaleString('en')} tasks, server Postgres: ${config.databaseUrl ? 'yes' : 'no'} |`,
    `| scenarios | ${results.scenarios.map((s) => `${s.scenario} (${s.seconds} s)`).join(', ')} |`,
    `| run time | ${results.elapsedSeconds} s |`,
    '',
    ...table,
    '',
    ...results.scenarios.flatMap((result) => (result.status === 'ran' && result.appendix ? [result.appendix, ''] : [])),
  ].join('\n');
}
