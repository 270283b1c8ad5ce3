import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '#shared/http/issue-token';
import { ensureBundles, FUNCTIONS, type FunctionName } from '../local/multi/multi-system';
import { type BundleProcess, spawnBundle, tcpProxy } from './bundle-process';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The runtime's stop deadline; an exit must come within it (plus the time to reap the process). */
const BOUND_MS = 10_000;
const SECRET = 'bundle-stop-test-secret-that-is-long-enough';
/** What each function answers a signed-in user, to keep it busy while the signal comes. */
const BUSY_PATHS: Record<FunctionName, string[]> = {
  task: ['/tasks?sort=priority', '/tasks?q=milk'],
  reminder: ['/reminders'],
  recurrence: ['/health'],
  notification: ['/notifications/preferences', '/notifications/bundle-user'],
  audit: ['/audit'],
  stats: ['/stats', '/stats?from=2026-01-01&to=2026-12-31'],
  chat: ['/auth/config', '/'],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(name: FunctionName, databaseUrl = inject('databaseUrl')): Promise<BundleProcess> {
  return spawnBundle({ root, name, env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'info' } });
}

async function expectCleanExit(bundle: BundleProcess, moment: string) {
  const exit = await bundle.exit(BOUND_MS + 1_000);
  expect(exit, `${moment}: no exit within ${BOUND_MS} ms; its output:\n${bundle.output()}`).not.toBeNull();
  expect(exit?.code, `${moment}: exit status; its output:\n${bundle.output()}`).toBe(0);
  expect(bundle.output(), moment).toMatch(/"msg":"(stopped|signal before start-up; nothing to close)"/);
}

/** The database URL with its host and port replaced by a proxy's. */
function through(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

beforeAll(() => ensureBundles(root), 300_000);

describe('the bundle entry (main.mjs)', () => {
  it('exits 0 on SIGTERM while the function bundle is still loading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-entry-'));
    try {
      copyFileSync(join(root, 'scripts/bundle-entry.mjs'), join(dir, 'main.mjs'));
      // A bundle whose evaluation is still waiting when the signal comes.
      writeFileSync(join(dir, 'function.mjs'), 'await new Promise((resolve) => setTimeout(resolve, 60_000));\n');
      const child = spawn(join(root, 'node_modules/.bin/node'), [join(dir, 'main.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await sleep(500);
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(0);
      expect(output).toContain('signal before start-up; nothing to close');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(FUNCTIONS)('the %s bundle on SIGTERM', (name) => {
  it('exits 0 within the bound whenever the signal comes during start-up', async () => {
    // How long this bundle takes from its first log line to /ready, to spread the moments over it.
    const probe = await start(name);
    await probe.printed('"msg":"starting"');
    const startingAt = performance.now();
    await probe.ready();
    const span = performance.now() - startingAt;
    probe.child.kill('SIGTERM');
    await expectCleanExit(probe, 'after /ready');

    for (const fraction of [0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9]) {
      const bundle = await start(name);
      await bundle.printed('"msg":"starting"');
      const delay = Math.round(span * fraction * (0.8 + Math.random() * 0.4));
      await sleep(delay);
      bundle.child.kill('SIGTERM');
      await expectCleanExit(bundle, `${delay} ms after starting`);
    }
  });

  it('exits 0 within the bound when the signal comes at the first /ready', async () => {
    for (let run = 0; run < 3; run++) {
      const bundle = await start(name);
      await bundle.ready();
      bundle.child.kill('SIGTERM');
      await expectCleanExit(bundle, `run ${run}`);
    }
  });

  it('exits 0 within the bound under load, and what it answers is never a 5xx', async () => {
    const bundle = await start(name);
    await bundle.ready();
    const token = await issueToken({ userId: 'bundle-user', secret: SECRET, issuer: 'todo-local', audience: 'todo' });
    const answers: { path: string; status: number }[] = [];
    let loading = true;
    const worker = async (path: string) => {
      while (loading) {
        const status = await fetch(`${bundle.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) }).then(
          async (response) => (await response.arrayBuffer(), response.status),
          () => 0,
        );
        if (status > 0) answers.push({ path, status });
        else await sleep(5);
      }
    };
    const workers = [...BUSY_PATHS[name], '/health', '/ready'].flatMap((path) => [worker(path), worker(path)]);
    await sleep(400);
    bundle.child.kill('SIGTERM');
    await expectCleanExit(bundle, 'under load');
    loading = false;
    await Promise.all(workers);
    expect(answers.length, 'requests answered before the stop').toBeGreaterThan(10);
    // A stopping process is not ready: 503 from the probes is the right answer, from anything else a failure.
    const probe = (path: string) => path === '/ready' || path === '/health';
    expect(answers.filter(({ path, status }) => status >= 500 && !(status === 503 && probe(path)))).toEqual([]);
  });

  it('exits 0 within the bound when the database is gone', async () => {
    const databaseUrl = inject('databaseUrl');
    const proxy = await tcpProxy({ host: new URL(databaseUrl).hostname, port: Number(new URL(databaseUrl).port || 5432) });
    try {
      const bundle = await start(name, through(databaseUrl, proxy.port));
      await bundle.ready();
      await proxy.cut();
      await sleep(300);
      bundle.child.kill('SIGTERM');
      await expectCleanExit(bundle, 'database gone');
    } finally {
      await proxy.close();
    }
  });

  it('exits 0 within the bound when the database hangs while it starts', async () => {
    const databaseUrl = inject('databaseUrl');
    const proxy = await tcpProxy({ host: new URL(databaseUrl).hostname, port: Number(new URL(databaseUrl).port || 5432) });
    proxy.swallow();
    try {
      const bundle = await start(name, through(databaseUrl, proxy.port));
      await bundle.printed('"msg":"starting"');
      await sleep(500);
      bundle.child.kill('SIGTERM');
      await expectCleanExit(bundle, 'database hanging');
    } finally {
      await proxy.close();
    }
  });
});

describe('the chat bundle with open live streams', () => {
  it('ends every stream and exits 0 within the bound', async () => {
    const bundle = await start('chat');
    await bundle.ready();
    const streams = await Promise.all(
      ['ann', 'ben', 'cy', 'ann', 'dee'].map(async (userId) => {
        const token = await issueToken({ userId, secret: SECRET, issuer: 'todo-local', audience: 'todo' });
        const response = await fetch(`${bundle.url}/stream`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        const reader = response.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        expect(first).toContain('event: ready');
        return reader;
      }),
    );
    bundle.child.kill('SIGTERM');
    await expectCleanExit(bundle, 'with open streams');
    for (const reader of streams) {
      const ended = await reader.read().then(
        async function drain(result): Promise<boolean> {
          return result.done ? true : drain(await reader.read());
        },
        () => true,
      );
      expect(ended).toBe(true);
    }
  });
});
