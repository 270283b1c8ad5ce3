import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { startOtlpReceiver } from '#shared/testing/otlp-receiver';
import { expectTaskLifeTraced, notificationAudited } from '#shared/testing/task-life-trace';
import { localModules } from './modules';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-tracing-'));
const secret = 'tracing-test-secret-0123456789abcdef';
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let system: RunningSystem;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const env = {
    SERVICE_NAME: 'todo-local',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: secret,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  };
  system = await startSystem({ env, modules: localModules, handleSignals: false });
});
afterAll(async () => {
  await system?.stop();
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('traces of the one-process system, exported over OTLP', () => {
  it('shows a task created, its reminder scheduled, fired (linked back), notified and audited', async () => {
    const token = await issueToken({ userId: 'tracy', secret, issuer: 'todo-local', audience: 'todo' });
    const dueAt = new Date(Date.now() + 1_500).toISOString();
    const created = await fetch(`${system.url}/tasks`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Traced', dueAt }) });
    expect(created.status).toBe(201);

    await vi.waitFor(() => expect(notificationAudited(receiver.spans)).toBe(true), { timeout: 15_000, interval: 200 });
    expectTaskLifeTraced(receiver.spans, created.headers.get('traceparent')!, () => 'todo-local');
  });
});
