import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { DaprSidecar } from '../../dapr/dapr-sidecar';
import { type DaprTestSetup, daprTestSetup } from './dapr-test-setup';
import { type Daprd, startDaprd } from './daprd-process';

export interface StandaloneDaprd {
  /** The sidecar as an adapter reaches it (URL and API token). */
  sidecar(): DaprSidecar;
  setup(): DaprTestSetup;
}

/**
 * A real daprd with no app beside it, started before the file's tests and stopped after them: what an
 * adapter's contract test runs against. `appId` matters where components are scoped (the state store).
 */
export function useStandaloneDaprd(options: { appId: string } & Parameters<typeof daprTestSetup>[0]): StandaloneDaprd {
  let setup: DaprTestSetup;
  let daprd: Daprd;

  beforeAll(async () => {
    setup = await daprTestSetup(options);
    daprd = await startDaprd({ appId: options.appId, ...setup.sidecarFiles, appApiToken: randomBytes(16).toString('hex'), daprApiToken: randomBytes(16).toString('hex') });
    await daprd.outboundReady();
  });

  afterAll(async () => {
    await daprd?.stop();
    await setup?.cleanup();
  });

  return {
    sidecar: () => daprd.sidecar(),
    setup: () => setup,
  };
}
