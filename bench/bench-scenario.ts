import type { BenchConfig } from './bench-config';
import type { LoadResult } from './http-load';

/** One line of the figures table: scenario, case, n, per second, p50, p99, max (ms), note. */
export type Row = [scenario: string, scope: string, n: string, perSecond: string, p50: string, p99: string, max: string, note: string];

/** What every scenario gets: the settings and the project root. */
export interface BenchContext {
  config: BenchConfig;
  root: string;
}

/** A scenario's figures: table rows for the page, details for the JSON file. */
export interface ScenarioReport {
  rows: Row[];
  details: unknown;
  /** Markdown printed after the figures table (e.g. query plans). */
  appendix?: string;
}

/** One benchmark, run by `npm run bench` (or alone with `BENCH_ONLY=<name>`). */
export interface BenchScenario {
  name: string;
  run: (context: BenchContext) => Promise<ScenarioReport>;
}

export const num = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en') : '–');

/** A row for a load run: count, rate and latency, with a note on time caps and failures. */
export function loadRow(scenario: string, scope: string, result: LoadResult, requested: number): Row {
  const notes = [
    result.cappedByTime ? `time cap: ${result.attempted} of ${requested}` : '',
    result.failed ? `${result.failed} failed: ${result.errors[0] ?? ''}` : '',
  ].filter(Boolean);
  const { latency } = result;
  return [scenario, scope, num(result.succeeded), num(result.perSecond), num(latency.p50Ms), num(latency.p99Ms), num(latency.maxMs), notes.join('; ')];
}
