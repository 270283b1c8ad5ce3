import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config/load-config';
import { issueToken } from '#shared/http/issue-token';
import { startSystem } from '#shared/runtime/start-system';
import { taskModule } from '../functions/task/src/task-module';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-local-'));
const secret = 'local-system-test-secret-0123456789abcdef';
const env = { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => startSystem({ env, modules: [taskModule], handleSignals: false });

describe('the one-process system', () => {
  it('serves the API and its operational endpoints, and keeps tasks across a restart', async () => {
    const token = await issueToken({ userId: 'alice', secret, issuer: 'todo-local', audience: 'todo' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const first = await start();
    for (const path of ['/live', '/ready', '/health']) {
      const response = await fetch(`${first.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe('up');
    }
    const created = await fetch(`${first.url}/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'Survive a restart', priority: 'urgent' }) });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: string };

    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/tasks"[^}]*status="201"[^}]*\} 1/);
    expect(metrics).toMatch(/task_operations_total\{[^}]*operation="create",result="done"[^}]*\} 1/);
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    expect(metrics).toContain('http_active_connections');
    await first.stop();

    const second = await start();
    const again = await fetch(`${second.url}/tasks/${task.id}`, { headers });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: task.id, title: 'Survive a restart', priority: 'urgent' });
    await second.stop();
  });

  it('refuses to start with one message naming every bad variable', async () => {
    const attempt = startSystem({ env: { ...env, PORT: 'eighty', NODE_ENV: 'production', DATABASE_URL: undefined }, modules: [taskModule], handleSignals: false });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/PORT is invalid[\s\S]*DATABASE_URL/);
  });
});
