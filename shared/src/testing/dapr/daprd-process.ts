import { freePort } from '../../../../bench/spawn-function';
import type { DaprSidecar } from '../../dapr/dapr-sidecar';
import { daprBinaries } from './dapr-binaries';
import { type ManagedChild, startChild, waitForStatus } from './managed-child';

export interface DaprdOptions {
  appId: string;
  /** The port the app listens on (daprd waits for it before it subscribes or calls the app); none: a sidecar without an app. */
  appPort?: number;
  resourcesPath: string;
  configPath: string;
  /** `host:port` of the Jobs scheduler. */
  schedulerAddress: string;
  /** The token daprd presents to the app as `dapr-api-token` (the app's APP_API_TOKEN). */
  appApiToken: string;
  /** The token the app presents to daprd (DAPR_API_TOKEN); daprd refuses calls without it. */
  daprApiToken: string;
  /** The HTTP port to listen on; a free one when absent (give the old one to restart a sidecar in place). */
  httpPort?: number;
}

export interface Daprd extends ManagedChild {
  readonly httpPort: number;
  readonly url: string;
  /** The variables the app needs to reach this sidecar. */
  readonly appEnv: Record<string, string>;
  /** Resolves when the components are loaded (`/v1.0/healthz/outbound` 204). */
  outboundReady(timeoutMs?: number): Promise<void>;
  /** Resolves when the app is reachable too (`/v1.0/healthz` 204). */
  ready(timeoutMs?: number): Promise<void>;
  /** This sidecar as the app's adapters reach it (its URL, with the API token on every call). */
  sidecar(): DaprSidecar;
}

/** A real daprd in self-hosted mode beside one app, on loopback only, with the project's resources. */
export async function startDaprd(options: DaprdOptions): Promise<Daprd> {
  const httpPort = options.httpPort ?? (await freePort());
  const [grpcPort, internalPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const args = [
    '--mode', 'standalone',
    '--app-id', options.appId,
    ...(options.appPort ? ['--app-port', String(options.appPort), '--app-protocol', 'http', '--app-channel-address', '127.0.0.1'] : []),
    '--dapr-listen-addresses', '127.0.0.1',
    '--dapr-http-port', String(httpPort),
    '--dapr-grpc-port', String(grpcPort),
    '--dapr-internal-grpc-port', String(internalPort),
    '--metrics-port', String(metricsPort),
    '--resources-path', options.resourcesPath,
    '--config', options.configPath,
    '--scheduler-host-address', options.schedulerAddress,
    '--placement-host-address', '',
    '--log-level', 'info',
  ];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APP_API_TOKEN: options.appApiToken, DAPR_API_TOKEN: options.daprApiToken };
  const child = startChild(daprBinaries().daprd, args, env);
  const url = `http://127.0.0.1:${httpPort}`;
  return {
    ...child,
    httpPort,
    url,
    appEnv: { DAPR_HTTP_PORT: String(httpPort), DAPR_API_TOKEN: options.daprApiToken, APP_API_TOKEN: options.appApiToken },
    outboundReady: (timeoutMs = 30_000) => waitForStatus(child, `daprd ${options.appId}`, `${url}/v1.0/healthz/outbound`, 204, timeoutMs),
    ready: (timeoutMs = 30_000) => waitForStatus(child, `daprd ${options.appId}`, `${url}/v1.0/healthz`, 204, timeoutMs),
    sidecar: () => ({ url, headers: (extra = {}) => ({ 'dapr-api-token': options.daprApiToken, ...extra }) }),
  };
}
