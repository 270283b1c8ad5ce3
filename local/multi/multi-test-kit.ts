import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import { tokenCache } from '#shared/http/token-cache';
import { kafkaScript } from '#shared/testing/kafka-global-setup';
export { readTopic } from '#shared/testing/kafka-test-kit';
import { freePort } from '../../bench/spawn-function';
import { ensureBundles, FUNCTIONS, type FunctionName, type MultiSystem, startMultiSystem } from './multi-system';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface TestMultiSystem extends MultiSystem {
  runDir: string;
  secret: string;
  kafkaUrl: string;
  brokers: string[];
  /** `fetch` through the ingress as `userId` (JSON in and out). */
  call(userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test answers of many shapes
}

/** The multi-process system on free ports, the run's broker and database, logs in a temp dir. */
export async function startTestMultiSystem(options: { env?: Record<string, string> } = {}): Promise<TestMultiSystem> {
  ensureBundles(root);
  const kafkaUrl = inject('kafkaUrl');
  const runDir = mkdtempSync(join(tmpdir(), 'todo-multi-'));
  const secret = randomBytes(32).toString('hex');
  const ports = { dispatcher: await freePort() } as Record<FunctionName | 'dispatcher', number>;
  for (const name of FUNCTIONS) ports[name] = await freePort();
  const system = await startMultiSystem({
    root,
    databaseUrl: inject('databaseUrl'),
    kafkaUrl,
    secret,
    runDir,
    dataDir: join(runDir, 'data'),
    ingressPort: await freePort(),
    ports,
    logLevel: process.env.MULTI_LOG_LEVEL ?? 'warn',
    ...(options.env ? { env: options.env } : {}),
  });
  const token = tokenCache(secret);
  return {
    ...system,
    runDir,
    secret,
    kafkaUrl,
    brokers: parseKafkaUrl(kafkaUrl).brokers,
    async call(userId, method, path, body) {
      const response = await fetch(`${system.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
  };
}

/** Stops and starts the run's broker (scripts/kafka.sh). */
export const stopBroker = () => kafkaScript(inject('kafkaPort'), 'stop');
export const startBroker = () => kafkaScript(inject('kafkaPort'), 'start');

