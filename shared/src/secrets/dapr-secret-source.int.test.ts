import { afterAll, beforeAll } from 'vitest';
import { daprSidecarIn } from '../dapr/dapr-sidecar';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '../testing/fake-dapr/fake-dapr-sidecar';
import { CONTRACT_ALLOWED, CONTRACT_SECRETS, secretSourceContract } from './secret-source.contract';

let fake: FakeDaprSidecar;
beforeAll(async () => {
  const denied = Object.keys(CONTRACT_SECRETS).filter((name) => !CONTRACT_ALLOWED.includes(name));
  fake = await startFakeDaprSidecar({ apiToken: 'contract-token', secretStores: { kubernetes: { secrets: CONTRACT_SECRETS, denied } } });
});
afterAll(() => fake?.close());

secretSourceContract('the fake sidecar', () => daprSidecarIn(fake.env));
