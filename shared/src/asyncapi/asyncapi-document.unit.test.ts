import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { topicPlan } from '../bus/kafka-topics';
import { CATALOG } from '../events/catalog';
import { asyncApiDocument } from './asyncapi-document';
import { documentUnderTest } from './asyncapi-test-kit';

const { document } = documentUnderTest();

describe('the AsyncAPI document', () => {
  it('is the committed docs/asyncapi.json (after a schema change: npm run asyncapi)', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../../docs/asyncapi.json', import.meta.url), 'utf8'));

    expect(committed).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  it('has a message per content mode for every catalog type, named by the type', () => {
    const modesByType = new Map<string, string[]>();
    for (const [id, message] of Object.entries(document.components.messages)) {
      if (message.name in CATALOG) modesByType.set(message.name, [...(modesByType.get(message.name) ?? []), id.split('.').pop()!]);
    }

    for (const type of Object.keys(CATALOG)) expect(new Set(modesByType.get(type)), type).toEqual(new Set(['kafka-binary', 'structured', 'http-binary']));
  });

  it('documents the command in the form this system writes and in the form any producer may send, with an example per content mode', () => {
    const command = Object.entries(document.components.messages).filter(([, message]) => message.name === 'dev.todo.task.create.v1');

    expect(command.map(([id]) => id).sort()).toEqual([
      'CreateTask.kafka-binary',
      'CreateTask.structured',
      'IncomingCreateTask.http-binary',
      'IncomingCreateTask.kafka-binary',
      'IncomingCreateTask.structured',
    ]);
    for (const [id, message] of command.filter(([name]) => name.startsWith('Incoming'))) {
      expect(message.examples?.map((example) => example.name), id).toContain('from-a-producer');
    }
  });

  it('has a channel for every topic a broker needs, with its partition count', () => {
    for (const { topic, numPartitions } of topicPlan()) {
      expect(document.channels[topic], topic).toMatchObject({ address: topic, bindings: { kafka: { topic, partitions: numPartitions } } });
    }
  });

  it('lists in each operation only messages of its own channel', () => {
    for (const [id, operation] of Object.entries(document.operations)) {
      const channel = operation.channel.$ref.replace('#/channels/', '');
      for (const message of operation.messages) expect(message.$ref, id).toMatch(new RegExp(`^#/channels/${channel}/messages/[^/]+$`));
      for (const message of operation.messages) expect(document.channels[channel]!.messages, id).toHaveProperty([message.$ref.split('/').pop()!]);
    }
  });
});
