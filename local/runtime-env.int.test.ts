import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { notificationModule } from '../functions/notification/src/notification-module';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '#shared/testing/fake-dapr/fake-dapr-sidecar';
import { uniqueSchema } from '#shared/testing/test-database';
import type { RuntimeDeps } from '#shared/runtime/function-module';
import { startSystem } from '#shared/runtime/start-system';

const JWT_SECRET = 'a-store-secret-long-enough-for-hs256-signing';
const dataDir = mkdtempSync(join(tmpdir(), 'todo-runtime-env-'));
let sidecar: FakeDaprSidecar | undefined;
afterAll(async () => {
  await sidecar?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("hands each function the configuration read once, the store's secrets included, and leaves process.env alone", async () => {
  sidecar = await startFakeDaprSidecar({ secretStores: { kubernetes: { secrets: { 'todo-auth': { AUTH_JWT_SECRET: JWT_SECRET } } } } });
  let seen: RuntimeDeps['env'] | undefined;
  const probe = { ...notificationModule, schema: uniqueSchema('notification'), create: (deps: RuntimeDeps) => ((seen = deps.env), notificationModule.create(deps)) };
  const system = await startSystem({
    env: { SERVICE_NAME: 'notification', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: inject('databaseUrl'), SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'AUTH_JWT_SECRET=todo-auth', NOTIFY_MAX_ATTEMPTS: '3', ...sidecar.env },
    modules: [probe],
    handleSignals: false,
  });
  try {
    expect(seen?.AUTH_JWT_SECRET).toBe(JWT_SECRET);
    expect(seen?.NOTIFY_MAX_ATTEMPTS).toBe('3');
    expect(Object.isFrozen(seen)).toBe(true);
    expect(process.env.AUTH_JWT_SECRET).toBeUndefined();
  } finally {
    await system.stop();
  }
});
