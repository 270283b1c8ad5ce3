import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CATALOG, topicOf } from '#shared/events/catalog';
import { TOPICS } from '#shared/events/topics';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { EMITTED_BY, FUNCTION_NAMES, type FunctionName, OWNED_PATHS, SYSTEM } from '#shared/system/system-declaration';
import { uniqueSchema } from '#shared/testing/test-database';
import { localModules } from './modules';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-declaration-'));
const running: RunningSystem[] = [];
afterAll(async () => {
  for (const system of running.splice(0)) await system.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function alone(name: FunctionName): Promise<RunningSystem> {
  const module = localModules.find((candidate) => candidate.name === name)!;
  const system = await startSystem({
    env: { SERVICE_NAME: `declaration-${name}`, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: 'declaration-test-secret-0123456789abcdef', DATABASE_URL: inject('databaseUrl') },
    modules: [{ ...module, schema: uniqueSchema(name) }],
    handleSignals: false,
  });
  running.push(system);
  return system;
}

const sorted = (values: readonly string[]) => [...values].sort();
/** The function the ingress sends a path to: the longest declared prefix it falls under. */
const ownerOf = (path: string) => OWNED_PATHS.find(([prefix]) => prefix === '/' || path === prefix || path.startsWith(`${prefix}/`))?.[1];
const OPERATIONAL = /^\/(live|ready|health|metrics|openapi\.json|asyncapi\.json|events|dapr\/events|dapr\/subscribe)$/;

describe('the system declaration (shared/src/system/system-declaration.ts)', () => {
  it('names the functions the one-process system runs', () => {
    expect(sorted(localModules.map((module) => module.name))).toEqual(sorted(FUNCTION_NAMES));
  });

  it.each(FUNCTION_NAMES)('holds the %s function as it runs: its consumer, its routes and what its /dapr/subscribe lists', async (name) => {
    const system = await alone(name);
    const declared = SYSTEM[name];
    const consumer = system.consumers[0];
    if (declared.consumes === null) {
      expect(consumer).toBeUndefined();
    } else {
      expect(consumer?.name).toBe(name);
      expect(sorted(consumer!.topics)).toEqual(sorted(declared.consumes.topics));
      expect(sorted(consumer!.types)).toEqual(sorted(declared.consumes.types));
      expect(sorted(consumer!.fromUsers?.types ?? [])).toEqual(sorted(declared.runs));
      const subscriptions = (await (await fetch(`${system.url}/dapr/subscribe`)).json()) as { topic: string }[];
      expect(sorted(subscriptions.map((subscription) => subscription.topic))).toEqual(sorted(declared.consumes.topics));
    }
    const paths = system.routes().map((route) => route.split(' ')[1]!).filter((path) => !OPERATIONAL.test(path));
    for (const path of paths) expect(ownerOf(path), path).toBe(name);
    for (const prefix of declared.routes.filter((prefix) => prefix !== '/')) expect(paths.some((path) => ownerOf(path) === name && path.startsWith(prefix)), prefix).toBe(true);
  });

  it('has a writer for every event type and a writer and a reader for every topic', () => {
    expect(sorted(Object.keys(EMITTED_BY))).toEqual(sorted(Object.keys(CATALOG)));
    for (const topic of Object.values(TOPICS)) {
      const writers = Object.entries(EMITTED_BY).filter(([type]) => topicOf(type as keyof typeof CATALOG) === topic);
      const readers = FUNCTION_NAMES.filter((name) => (SYSTEM[name].consumes?.topics as readonly string[] | undefined)?.includes(topic));
      expect(writers.length, `${topic} has no writer`).toBeGreaterThan(0);
      expect(readers.length, `${topic} has no reader`).toBeGreaterThan(0);
    }
  });
});
