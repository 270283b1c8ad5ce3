import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseConfig } from '../config/base-config';
import { ConfigError, loadConfig } from '../config/load-config';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '../testing/fake-dapr/fake-dapr-sidecar';
import { secretsFromStore } from './store-secrets';

const DATABASE_URL = 'postgres://task:s3cret@todo-db-rw.todo:5432/todo?sslmode=require';
const JWT_SECRET = 'a-generated-secret-that-is-long-enough-for-hs256';

let sidecar: FakeDaprSidecar;
beforeAll(async () => {
  sidecar = await startFakeDaprSidecar({
    apiToken: 'sidecar-token',
    secretStores: {
      // Kubernetes Secrets as scripts/cluster-deploy.sh creates them: one key per variable.
      kubernetes: {
        secrets: { 'db-url-task': { DATABASE_URL }, 'todo-auth': { AUTH_JWT_SECRET: JWT_SECRET }, 'two-keys': { username: 'a', password: 'b' } },
        denied: ['db-url-audit'],
      },
      // A vault: one value per secret, under the secret's name.
      vault: { secrets: { 'task-database-url': { 'task-database-url': DATABASE_URL } } },
    },
  });
});
afterAll(() => sidecar?.close());

function envWith(variables: Record<string, string>): Record<string, string> {
  sidecar.requests.length = 0;
  return { SERVICE_NAME: 'task', NODE_ENV: 'production', ...sidecar.env, SECRET_STORE_WAIT_MS: '2000', ...variables };
}

describe('secrets from the Dapr secret store at start-up', () => {
  it('fills the variables the environment lacks, and the configuration then loads', async () => {
    const env = envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'DATABASE_URL=db-url-task,AUTH_JWT_SECRET=todo-auth' });

    const filled = await secretsFromStore(env);

    expect(filled).toEqual({ DATABASE_URL, AUTH_JWT_SECRET: JWT_SECRET });
    expect(sidecar.requests.map((request) => request.path)).toEqual(['/v1.0/secrets/kubernetes/db-url-task', '/v1.0/secrets/kubernetes/todo-auth']);
    expect(sidecar.requests[0]!.headers['dapr-api-token']).toBe('sidecar-token');
    expect(loadConfig(BaseConfig, { ...env, ...filled })).toMatchObject({ DATABASE_URL, AUTH_JWT_SECRET: JWT_SECRET });
  });

  it('never overrides what the environment already has, and does not ask for it', async () => {
    const env = envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'DATABASE_URL=db-url-task,AUTH_JWT_SECRET=todo-auth', DATABASE_URL: 'postgres://local@127.0.0.1/todo' });

    expect(await secretsFromStore(env)).toEqual({ AUTH_JWT_SECRET: JWT_SECRET });
    expect(sidecar.requests.map((request) => request.path)).toEqual(['/v1.0/secrets/kubernetes/todo-auth']);
  });

  it('takes the single value of a single-valued secret (a vault entry)', async () => {
    const env = envWith({ SECRET_STORE: 'dapr:vault', SECRET_REFS: 'DATABASE_URL=task-database-url' });

    expect(await secretsFromStore(env)).toEqual({ DATABASE_URL });
  });

  it('leaves out a secret the store does not have, so the configuration names the missing variable', async () => {
    const env = envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'DATABASE_URL=db-url-nobody' });

    const filled = await secretsFromStore(env);

    expect(filled).toEqual({});
    expect(() => loadConfig(BaseConfig, { ...env, ...filled })).toThrow(/DATABASE_URL is required in production/);
  });

  it('stops the start when the store refuses, or the secret has several keys but not the variable', async () => {
    await expect(secretsFromStore(envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'DATABASE_URL=db-url-audit' }))).rejects.toThrow(/db-url-audit .* denied by the Dapr Configuration's secret scopes \(403\)/);
    await expect(secretsFromStore(envWith({ SECRET_STORE: 'dapr:nowhere', SECRET_REFS: 'DATABASE_URL=db-url-task' }))).rejects.toThrow(/failed: 401 .*ERR_SECRET_STORE_NOT_FOUND/);
    await expect(secretsFromStore(envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'DATABASE_URL=two-keys' }))).rejects.toThrow('the secret two-keys has no key DATABASE_URL (keys: username, password)');
  });

  it('waits for a sidecar that is still loading its components, and gives up after SECRET_STORE_WAIT_MS', async () => {
    sidecar.setStarting(true);
    setTimeout(() => sidecar.setStarting(false), 600);
    const started = Date.now();
    expect(await secretsFromStore(envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'AUTH_JWT_SECRET=todo-auth' }))).toEqual({ AUTH_JWT_SECRET: JWT_SECRET });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);

    sidecar.setStarting(true);
    try {
      await expect(secretsFromStore(envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'AUTH_JWT_SECRET=todo-auth', SECRET_STORE_WAIT_MS: '300' }))).rejects.toThrow(/not ready within 300 ms \(healthz\/outbound answered 500\)/);
    } finally {
      sidecar.setStarting(false);
    }
    await expect(secretsFromStore({ ...envWith({ SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: 'AUTH_JWT_SECRET=todo-auth', SECRET_STORE_WAIT_MS: '300' }), DAPR_HTTP_PORT: '1' })).rejects.toThrow(/not ready within 300 ms/);
  });

  it('reads nothing without SECRET_STORE, and lists every mistake in its variables at once', async () => {
    expect(await secretsFromStore(envWith({}))).toEqual({});
    expect(sidecar.requests).toEqual([]);

    const error = await secretsFromStore(envWith({ SECRET_STORE: 'vault', SECRET_REFS: 'database_url=x' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'SECRET_STORE is invalid: must be dapr:<secret store name>',
      'SECRET_REFS is invalid: must be VARIABLE=secret-name[,VARIABLE=secret-name...]',
    ]);
    await expect(secretsFromStore(envWith({ SECRET_STORE: 'dapr:kubernetes' }))).rejects.toThrow('SECRET_REFS is required with SECRET_STORE');
  });
});
