import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaUrl: string;
    kafkaPort: string;
  }
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs scripts/kafka.sh commands for the broker on `port`; its messages go to this process's stderr. */
export function kafkaScript(port: string, ...commands: string[]): void {
  execFileSync('bash', ['scripts/kafka.sh', ...commands], { cwd: root, env: { ...process.env, KAFKA_PORT: port }, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
}

/**
 * A fresh broker for the run (no topics, offsets or groups of earlier runs) on KAFKA_TEST_PORT (default
 * 29192, apart from the development broker on 29092, so tests never disturb `task up`), stopped afterwards.
 */
export default function setup(project: TestProject): () => void {
  const port = process.env.KAFKA_TEST_PORT ?? '29192';
  kafkaScript(port, 'stop', 'reset', 'start');
  project.provide('kafkaUrl', `kafka://127.0.0.1:${port}`);
  project.provide('kafkaPort', port);
  return () => kafkaScript(port, 'stop');
}
