import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueToken } from '#shared/http/issue-token';
import { startSystem } from '#shared/runtime/start-system';
import { localModules } from './modules';
import { WARM_UP_USER, warmUpRequests } from './warm-up';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-warm-up-'));
const secret = 'warm-up-test-secret-0123456789abcdef0123';
const env = { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the warm-up of the one-process system', () => {
  it('talks through the chat before the system is ready and leaves its user no task', async () => {
    let readyDuringWarmUp: number | undefined;
    const system = await startSystem({
      env,
      modules: localModules,
      handleSignals: false,
      warmUp: async (url) => {
        readyDuringWarmUp = (await fetch(`${url}/ready`)).status;
        await warmUpRequests({ url, env });
      },
    });
    try {
      expect(readyDuringWarmUp).toBe(503);
      expect((await fetch(`${system.url}/ready`)).status).toBe(200);
      const token = await issueToken({ userId: WARM_UP_USER, secret, issuer: 'todo-local', audience: 'todo' });
      const tasks = (await (await fetch(`${system.url}/tasks?status=completed`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
      const pending = (await (await fetch(`${system.url}/tasks`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
      expect([tasks.items, pending.items]).toEqual([[], []]);
      const conversations = (await (await fetch(`${system.url}/conversations`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
      expect(conversations.items).toHaveLength(2);
    } finally {
      await system.stop();
    }
  });

  it('is skipped when tokens come from an identity provider', async () => {
    await expect(warmUpRequests({ url: 'http://127.0.0.1:9', env: { AUTH_JWKS_URL: 'https://issuer.example/jwks' } })).resolves.toBeUndefined();
  });
});
