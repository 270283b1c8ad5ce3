import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { freePort } from '../bench/spawn-function';
import { uniqueSchema } from '#shared/testing/test-database';
import { taskModule } from '../functions/task/src/task-module';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-entry-'));
const secret = 'entry-points-test-secret-0123456789abcdef';
const running: RunningSystem[] = [];
afterAll(async () => {
  for (const system of running.splice(0)) await system.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const system = await startSystem({
    env: { SERVICE_NAME: 'entry-test', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret, DATABASE_URL: inject('databaseUrl'), ...env },
    modules: [{ ...taskModule, schema: uniqueSchema('task') }],
    handleSignals: false,
  });
  running.push(system);
  return system;
}

const bearer = async (userId: string) => `Bearer ${await issueToken({ userId, secret, issuer: 'todo-local', audience: 'todo' })}`;

async function createTask(system: RunningSystem, authorization: string, title: string) {
  return fetch(`${system.url}/tasks`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
}

describe('REST writes are limited per user', () => {
  it('answers 429 with Retry-After past the limit, writes nothing for it, and leaves other users alone', async () => {
    const system = await start({ WRITE_RATE_LIMIT_REQUESTS: '20', WRITE_RATE_LIMIT_WINDOW_SECONDS: '60' });
    const mallory = await bearer('mallory');
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, index) => createTask(system, mallory, `Flood ${index}`).then((response) => response.status)));

    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    const limited = await createTask(system, mallory, 'one more');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    const listed = (await (await fetch(`${system.url}/tasks?limit=200`, { headers: { authorization: mallory } })).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(20);

    expect((await createTask(system, await bearer('alice'), 'Mine')).status).toBe(201);
  });
});

describe('user tokens', () => {
  const sign = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('todo-local').setAudience('todo');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(secret));
  };
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['without exp (it would never expire)', () => sign({ iat: now() })],
    ['without iat', () => sign({ exp: now() + 600 })],
    ['issued in the future', () => sign({ iat: now() + 600, exp: now() + 1_200 })],
    ['living longer than the maximum', () => sign({ iat: now(), exp: now() + 40 * 86_400 })],
    ['expired', () => sign({ iat: now() - 1_200, exp: now() - 600 })],
  ])('refuses a token %s with 401', async (_, token) => {
    const system = await start();
    const response = await fetch(`${system.url}/tasks`, { headers: { authorization: `Bearer ${await token()}` } });
    expect(response.status).toBe(401);
  });

  it('accepts one within the rules, with a small clock skew', async () => {
    const system = await start();
    const response = await fetch(`${system.url}/tasks`, { headers: { authorization: `Bearer ${await sign({ iat: now() + 10, exp: now() + 3_600 })}` } });
    expect(response.status).toBe(200);
  });
});

describe('where a function listens', () => {
  it('binds to loopback unless HOST says otherwise', async () => {
    const system = await start();
    expect(system.address).toBe('127.0.0.1');
  });

  it('serves /metrics on METRICS_PORT, not on the traffic port', async () => {
    const metricsPort = await freePort();
    const system = await start({ METRICS_PORT: String(metricsPort) });
    expect((await fetch(`${system.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_requests_total');
  });

  it('serves no /metrics at all in production without METRICS_PORT', async () => {
    const system = await start({ NODE_ENV: 'production' });
    expect((await fetch(`${system.url}/metrics`)).status).toBe(404);
  });
});
