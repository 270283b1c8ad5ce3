import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ensureBundles } from '../../../../local/multi/multi-system';
import { type TcpProxy, tcpProxy } from '../../../../scripts/bundle-process';
import { PROJECT_ROOT } from './dapr-binaries';
import { writeSelfHostedResources } from './self-hosted-resources';

export const TEST_JWT_SECRET = 'dapr-suite-secret-that-is-long-enough';

/** The run's broker as `host:port`. */
export function kafkaBrokers(): string {
  return new URL(inject('kafkaUrl')).host;
}

/** The run's database URL with its host and port replaced by `port` on loopback (a proxy's). */
export function databaseUrlThrough(port: number): string {
  const url = new URL(inject('databaseUrl'));
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

export interface DaprTestSetup {
  resourcesPath: string;
  configPath: string;
  /** A cuttable proxy in front of the run's Postgres: functions reach their database through it. */
  database: TcpProxy;
  /** The function's variables for a Postgres behind the proxy. */
  baseEnv: Record<string, string>;
  /** What every sidecar of the run is started with: the resources, the Configuration, the scheduler. */
  sidecarFiles: { resourcesPath: string; configPath: string; schedulerAddress: string };
  cleanup(): Promise<void>;
}

/** Bundles built, the self-hosted resources written, a database proxy: what every Dapr test file needs. */
export async function daprTestSetup(options: { pubsub: boolean; secrets?: Record<string, Record<string, string>>; allowedSecrets?: string[] }): Promise<DaprTestSetup> {
  ensureBundles(PROJECT_ROOT);
  const folder = mkdtempSync(join(tmpdir(), 'dapr-resources-'));
  const secrets = { 'dapr-statestore': { connectionString: inject('databaseUrl') }, ...options.secrets };
  const { resourcesPath, configPath } = writeSelfHostedResources({ folder, kafkaBrokers: options.pubsub ? kafkaBrokers() : undefined, secrets, allowedSecrets: options.allowedSecrets ?? [] });
  const target = new URL(inject('databaseUrl'));
  const database = await tcpProxy({ host: target.hostname, port: Number(target.port) });
  return {
    resourcesPath,
    configPath,
    database,
    sidecarFiles: { resourcesPath, configPath, schedulerAddress: inject('daprSchedulerAddress') },
    baseEnv: { NODE_ENV: 'production', LOG_LEVEL: 'info', AUTH_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: databaseUrlThrough(database.port) },
    async cleanup() {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
