import { describe, expect, inject, it } from 'vitest';
import { startSidecarPair } from '../testing/dapr/function-with-sidecar';
import { useStandaloneDaprd } from '../testing/dapr/standalone-daprd';
import { CONTRACT_ALLOWED, CONTRACT_SECRETS, secretSourceContract } from './secret-source.contract';

const DATABASE_SECRET = 'db-url-task';
const MISSING_DATABASE_SECRET = 'db-url-nobody';

const daprd = useStandaloneDaprd({
  appId: 'secrets-reader',
  pubsub: false,
  secrets: { ...CONTRACT_SECRETS, [DATABASE_SECRET]: { DATABASE_URL: inject('databaseUrl') } },
  allowedSecrets: [...CONTRACT_ALLOWED, DATABASE_SECRET, MISSING_DATABASE_SECRET],
});

secretSourceContract('a real daprd (secretstores.local.file named kubernetes, the project Configuration)', daprd.sidecar);

describe('a function reading its secrets through a real daprd at start-up', () => {
  it('starts with DATABASE_URL from the store, and stops with a message naming a variable the store lacks', async () => {
    const setup = daprd.setup();
    const { DATABASE_URL: _fromTheStore, ...withoutDatabase } = setup.baseEnv;
    const readsSecret = await startSidecarPair({
      name: 'task',
      env: { ...withoutDatabase, SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: `DATABASE_URL=${DATABASE_SECRET}` },
      ...setup.sidecarFiles,
    });
    await readsSecret.stop();

    await expect(
      startSidecarPair({
        name: 'task',
        env: { ...withoutDatabase, SECRET_STORE: 'dapr:kubernetes', SECRET_REFS: `DATABASE_URL=${MISSING_DATABASE_SECRET}` },
        ...setup.sidecarFiles,
      }),
    ).rejects.toThrow(/DATABASE_URL/);
  });
});
