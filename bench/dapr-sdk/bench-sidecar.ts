import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { DaprSidecar } from '../../shared/src/dapr/dapr-sidecar';
import { type Daprd, startDaprd } from '../../shared/src/testing/dapr/daprd-process';
import { type Scheduler, startScheduler } from '../../shared/src/testing/dapr/scheduler-process';
import { writeSelfHostedResources } from '../../shared/src/testing/dapr/self-hosted-resources';

export interface BenchSidecarOptions {
  /** A Postgres server URL; a fresh database on it backs the state store and is dropped on stop. */
  serverUrl: string;
  /** `host:port` of a Kafka broker for the pub/sub component; none: no pub/sub. */
  kafkaBrokers?: string;
  /** The port of the app beside the sidecar (for service invocation); none: a sidecar without an app. */
  appPort?: number;
  secrets: Record<string, Record<string, string>>;
  allowedSecrets: string[];
}

export interface BenchSidecar {
  readonly daprd: Daprd;
  /** The sidecar as the project's adapters see it (URL and `dapr-api-token`). */
  readonly sidecar: DaprSidecar;
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * A real daprd 1.18 (app-id `chat`: the state store is scoped to the functions) with its Jobs
 * scheduler, the project's own Dapr files in self-hosted form (shared/src/testing/dapr/), the state
 * store on a fresh Postgres database and the file secret store named `kubernetes`. What
 * daprTestSetup does for the vitest suite, without vitest's `inject`. No Subscriptions: the sidecar
 * only publishes.
 */
export async function startBenchSidecar(options: BenchSidecarOptions): Promise<BenchSidecar> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const databaseUrl = await freshDatabase(options.serverUrl, cleanups);
    const folder = mkdtempSync(join(tmpdir(), 'dapr-sdk-bench-'));
    cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
    const secrets = { 'dapr-statestore': { connectionString: databaseUrl }, ...options.secrets };
    const { resourcesPath, configPath } = writeSelfHostedResources({ folder, kafkaBrokers: options.kafkaBrokers, secrets, allowedSecrets: options.allowedSecrets });
    rmSync(join(resourcesPath, 'subscriptions.yaml'), { force: true });
    const scheduler: Scheduler = await startScheduler();
    cleanups.push(() => scheduler.stop());
    const token = randomBytes(16).toString('hex');
    const daprd = await startDaprd({
      appId: 'chat',
      appPort: options.appPort,
      resourcesPath,
      configPath,
      schedulerAddress: scheduler.address,
      appApiToken: randomBytes(16).toString('hex'),
      daprApiToken: token,
    });
    cleanups.push(() => daprd.stop());
    await (options.appPort ? daprd.ready(60_000) : daprd.outboundReady(60_000));
    const sidecar: DaprSidecar = { url: daprd.url, headers: (extra = {}) => ({ 'dapr-api-token': token, ...extra }) };
    return { daprd, sidecar, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freshDatabase(serverUrl: string, cleanups: (() => Promise<void>)[]): Promise<string> {
  const name = `dapr_sdk_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
