import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { spawnUntilReady } from '../spawn-function';
import { round1, summarize } from '../stats';

export interface ColdStartOptions {
  /** The project root. */
  root: string;
  functionName: string;
  runs: number;
  secret: string;
  /** Also time starts against this server when set. */
  databaseUrl?: string;
  timeoutMs: number;
}

export interface ColdStartCase {
  name: string;
  runs: number;
  p50Ms: number;
  maxMs: number;
  samplesMs: number[];
  errors: string[];
}

export type ColdStartResult =
  | { scenario: 'cold-start'; status: 'skipped'; reason: string }
  | { scenario: 'cold-start'; status: 'ran'; bundle: string; bundleKiB: number; cases: ColdStartCase[] };

function ensureBundle(root: string, bundle: string): string | null {
  if (existsSync(bundle)) return null;
  console.log('  no bundle: running npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (build.status === 0 && existsSync(bundle)) return null;
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
  return `npm run build failed (${build.error?.message ?? `exit ${build.status}`}): ${output}`;
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'bench-cold-'));

/** Spawn → first 200 from `GET /ready` of one function bundle: fresh data dir, reused data dir, and a server database. */
export async function coldStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const bundle = join(options.root, 'dist', options.functionName, 'main.mjs');
  const reason = ensureBundle(options.root, bundle);
  if (reason) return { scenario: 'cold-start', status: 'skipped', reason };

  const node = join(options.root, 'node_modules', '.bin', 'node');
  const baseEnv = { SERVICE_NAME: options.functionName, AUTH_JWT_SECRET: options.secret, LOG_LEVEL: 'warn' };
  const start = (env: Record<string, string>) => spawnUntilReady({ node, bundle, env: { ...baseEnv, ...env }, pollMs: 10, timeoutMs: options.timeoutMs });

  const timeRuns = async (name: string, runOnce: () => Promise<number>): Promise<ColdStartCase> => {
    const samples: number[] = [];
    const errors: string[] = [];
    for (let run = 0; run < options.runs; run++) {
      await runOnce().then(
        (ms) => samples.push(round1(ms)),
        (error: unknown) => errors.push(error instanceof Error ? error.message : String(error)),
      );
    }
    const { p50Ms, maxMs } = summarize(samples);
    console.log(`  ${name.padEnd(36)} p50 ${p50Ms} ms  max ${maxMs} ms${errors.length ? `  (${errors.length} failed)` : ''}`);
    return { name, runs: samples.length, p50Ms, maxMs, samplesMs: samples, errors: errors.slice(0, 3) };
  };

  const cases: ColdStartCase[] = [];
  cases.push(
    await timeRuns('embedded Postgres, fresh data dir', async () => {
      const dataDir = tempDir();
      try {
        return await start({ DATA_DIR: dataDir });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }),
  );

  const reused = tempDir();
  try {
    await start({ DATA_DIR: reused }).catch(() => 0);
    cases.push(await timeRuns('embedded Postgres, reused data dir', () => start({ DATA_DIR: reused })));
  } finally {
    rmSync(reused, { recursive: true, force: true });
  }

  if (options.databaseUrl) {
    const dataDir = tempDir();
    try {
      const env = { DATA_DIR: dataDir, DATABASE_URL: options.databaseUrl };
      await start(env).catch(() => 0);
      cases.push(await timeRuns('DATABASE_URL (server Postgres)', () => start(env)));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const code = join(options.root, 'dist', options.functionName, 'function.mjs');
  return { scenario: 'cold-start', status: 'ran', bundle: `dist/${options.functionName}/function.mjs`, bundleKiB: round1(statSync(code).size / 1024), cases };
}

/** Cold start of every function bundle (the task bundle with every database case, the others against the server when given, else embedded). */
export const coldStartScenario: BenchScenario = {
  name: 'cold-start',
  async run({ config, root }) {
    const secret = randomBytes(24).toString('hex');
    const result = await coldStart({ root, functionName: 'task', runs: 5, secret, databaseUrl: config.databaseUrl, timeoutMs: 120_000 });
    if (result.status === 'skipped') throw new Error(`skipped: ${result.reason}`);
    const rows: Row[] = result.cases.map((item) => {
      const note = [`${result.bundle} ${num(result.bundleKiB)} KiB`, item.errors.length ? `${item.errors.length} failed: ${item.errors[0]}` : ''].filter(Boolean).join('; ');
      return ['cold start → /ready', item.name, num(item.runs), '', num(item.p50Ms), '', num(item.maxMs), note];
    });
    return { rows, details: result };
  },
};
