import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONSUMER_FUNCTIONS } from '../bus/kafka-topics';
import { CATALOG } from '../events/catalog';
import { CONSUMED_TOPICS, EMITTED_BY } from './event-flow';

const manifests = (path: string) =>
  parseAllDocuments(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')).map((document) => document.toJS() as { kind: string; spec: Record<string, unknown>; scopes?: string[] });

describe('who reads and writes which topic', () => {
  it.each([...CONSUMER_FUNCTIONS])('%s reads the topics of its KafkaSource, as consumer group todo-%s', (fn) => {
    const source = manifests(`knative/base/eventing/${fn}.yaml`).find((manifest) => manifest.kind === 'KafkaSource')!;

    expect([...(source.spec.topics as string[])].sort()).toEqual([...CONSUMED_TOPICS[fn]].sort());
    expect(source.spec.consumerGroup).toBe(`todo-${fn}`);
  });

  it('each function reads the topics of its Dapr subscriptions', () => {
    const subscriptions = manifests('dapr/subscriptions/subscriptions.yaml').map((manifest) => `${manifest.scopes?.join()} ${manifest.spec.topic as string}`);
    const declared = CONSUMER_FUNCTIONS.flatMap((fn) => CONSUMED_TOPICS[fn].map((topic) => `${fn} ${topic}`));

    expect(subscriptions.sort()).toEqual(declared.sort());
  });

  it('names a writer for every catalog type', () => {
    expect(Object.keys(EMITTED_BY).sort()).toEqual(Object.keys(CATALOG).sort());
  });
});
