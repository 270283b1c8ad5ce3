import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { notificationModule } from '../functions/notification/src/notification-module';
import { reminderModule } from '../functions/reminder/src/reminder-module';
import { ConfigError } from '#shared/config/load-config';
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
  const probe = { ...notificationModule, schema: uniqueSchema('notification'), create: (deps: RuntimeDeps, config: unknown) => ((seen = deps.env), notificationModule.create(deps, config)) };
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

it("stops the start before anything opens when the base or a function's own variables are wrong, naming all of them", async () => {
  const start = startSystem({
    env: { SERVICE_NAME: 'reminder', DATA_DIR: dataDir, PORT: 'eighty', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REMINDER_SCHEDULER: 'dapr' },
    modules: [{ ...reminderModule, schema: uniqueSchema('reminder') }],
    handleSignals: false,
  });
  const error = await start.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^PORT is invalid/), expect.stringMatching(/^APP_API_TOKEN is required with REMINDER_SCHEDULER=dapr/)]);
});

