import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { topicPlan } from '#shared/bus/kafka-topics';

describe('the local broker topics', () => {
  it("are the cluster's KafkaTopics with the same partition counts", () => {
    const documents = parseAllDocuments(readFileSync(new URL('../../knative/platform/topics.yaml', import.meta.url), 'utf8')).map((document) => document.toJS());
    const cluster = documents
      .filter((document) => document?.kind === 'KafkaTopic')
      .map((document) => ({ topic: document.metadata.name as string, numPartitions: document.spec.partitions as number }));
    const byName = (a: { topic: string }, b: { topic: string }) => a.topic.localeCompare(b.topic);
    expect([...topicPlan()].sort(byName)).toEqual(cluster.sort(byName));
  });
});
