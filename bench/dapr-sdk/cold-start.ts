import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { EntryResult } from './entry-kit';

export interface ColdStartRun {
  /** From spawn to the entry's result line, measured in the parent with process.hrtime. */
  totalMs: number;
  result: EntryResult;
}

/** Spawns `node <bundle>` once and waits for the one JSON line it prints (see entry-kit.ts). */
export async function runBundle(node: string, bundle: string, env: Record<string, string>, timeoutMs = 60_000): Promise<ColdStartRun> {
  const started = process.hrtime.bigint();
  const child = spawn(node, [bundle], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const exited = once(child, 'exit');
  const line = new Promise<{ text: string; at: bigint }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve({ text: stdout.slice(0, end), at: process.hrtime.bigint() });
    });
    void exited.then(() => reject(new Error(`${bundle} exited without a result: ${stderr}`)));
    setTimeout(() => reject(new Error(`${bundle}: no result within ${timeoutMs} ms`)), timeoutMs).unref();
  });
  try {
    const { text, at } = await line;
    return { totalMs: Number(at - started) / 1e6, result: JSON.parse(text) as EntryResult };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

export interface ColdStartSeries {
  runs: ColdStartRun[];
  warmups: number;
}

/**
 * `runs` cold starts of each bundle, interleaved (a, b, b, a, a, b, ...) so that neither gains from
 * what the other left in the page cache, after `warmups` unrecorded runs of each.
 */
export async function coldStarts(node: string, bundles: Record<string, string>, env: Record<string, string>, runs: number, warmups = 2): Promise<Record<string, ColdStartSeries>> {
  const names = Object.keys(bundles);
  const series = Object.fromEntries(names.map((name) => [name, { runs: [] as ColdStartRun[], warmups }]));
  for (let round = 0; round < warmups + runs; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const run = await runBundle(node, bundles[name]!, env);
      if (!run.result.ok) throw new Error(`${name} failed its call: ${run.result.detail}`);
      if (round >= warmups) series[name]!.runs.push(run);
    }
  }
  return series;
}
