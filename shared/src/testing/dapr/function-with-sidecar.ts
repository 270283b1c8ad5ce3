import { randomBytes } from 'node:crypto';
import { type BundleProcess, spawnBundle } from '../../../../scripts/bundle-process';
import { freePort } from '../../../../bench/spawn-function';
import type { FunctionName } from '../../../../local/multi/multi-system';
import { PROJECT_ROOT } from './dapr-binaries';
import { type Daprd, startDaprd } from './daprd-process';

export interface SidecarPair {
  readonly name: FunctionName;
  function: BundleProcess;
  daprd: Daprd;
  /** Stops the function only (its sidecar stays up, as when the app container restarts). */
  stopFunction(): Promise<void>;
  /** Starts the function again on the same port, with the same variables. */
  startFunction(): Promise<void>;
  stop(): Promise<void>;
}

export interface SidecarPairOptions {
  name: FunctionName;
  env: Record<string, string>;
  resourcesPath: string;
  configPath: string;
  schedulerAddress: string;
}

/**
 * A function from its bundle (`node dist/<fn>/main.mjs`, as its pod runs it) beside its own real daprd,
 * wired as the Dapr injector wires a pod: the app knows the sidecar's port and API token, the sidecar
 * knows the app's port and presents the app token. Resolves when both are up.
 */
export async function startSidecarPair(options: SidecarPairOptions): Promise<SidecarPair> {
  const [appPort, httpPort] = [await freePort(), await freePort()];
  const appApiToken = randomBytes(24).toString('hex');
  const daprApiToken = randomBytes(24).toString('hex');
  const appEnv = { ...options.env, DAPR_HTTP_PORT: String(httpPort), DAPR_API_TOKEN: daprApiToken, APP_API_TOKEN: appApiToken, SERVICE_NAME: options.name };
  const launch = () => spawnBundle({ root: PROJECT_ROOT, name: options.name, env: appEnv, port: appPort });
  const daprd = await startDaprd({ ...options, appId: options.name, appPort, httpPort, appApiToken, daprApiToken });
  const pair: SidecarPair = {
    name: options.name,
    function: await launch(),
    daprd,
    async stopFunction() {
      pair.function.child.kill('SIGTERM');
      await pair.function.exit(15_000);
    },
    async startFunction() {
      pair.function = await launch();
      await pair.function.ready(30_000);
    },
    async stop() {
      await pair.stopFunction();
      await daprd.stop();
    },
  };
  try {
    await pair.function.ready(30_000);
    await daprd.ready(60_000);
  } catch (error) {
    await pair.stop();
    throw error;
  }
  return pair;
}
