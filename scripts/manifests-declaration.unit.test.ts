// The cluster's event wiring, field by field against the system declaration
// (shared/src/system/system-declaration.ts): KafkaSources, their dead-letter KafkaSinks, the KafkaTopics
// and the Dapr Subscriptions. The schema and platform rules are in manifests.unit.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { TOPIC_PARTITIONS } from '#shared/bus/kafka-topics';
import { deadLetterTopic } from '#shared/events/topics';
import { CONSUMER_FUNCTIONS, FUNCTION_NAMES, SYSTEM, topicsReadBy } from '#shared/system/system-declaration';

interface Resource {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
  scopes?: string[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const documents = (path: string): Resource[] =>
  parseAllDocuments(readFileSync(join(root, path), 'utf8'))
    .map((document) => document.toJS() as Resource | null)
    .filter((resource): resource is Resource => resource !== null);
const folder = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => documents(join(dir, file)));

const eventing = folder('knative/base/eventing');
const sources = eventing.filter((resource) => resource.kind === 'KafkaSource');
const sinks = new Map(eventing.filter((resource) => resource.kind === 'KafkaSink').map((sink) => [sink.metadata.name, sink]));
const kafkaTopics = documents('knative/platform/topics.yaml').filter((resource) => resource.kind === 'KafkaTopic');
const subscriptions = documents('dapr/subscriptions/subscriptions.yaml').filter((resource) => resource.kind === 'Subscription');

const kustomization = (dir: string) => documents(join(dir, 'kustomization.yaml'))[0] as unknown as { resources?: string[]; images?: { name: string }[] };
const database = documents('knative/platform/postgres.yaml').find((resource) => resource.kind === 'Cluster')!;
const namesIn = (items: unknown) => ((items ?? []) as { name: string }[]).map((item) => item.name);
const scopesOf = (path: string) => documents(path).flatMap((resource) => resource.scopes ?? []);

const sorted = (values: readonly unknown[]) => [...values].map(String).sort();
const sinkOf = (source: Resource) => (source.spec.sink as { ref: { name: string } }).ref.name;
const deadLetterSinkOf = (source: Resource) => (source.spec.delivery as { deadLetterSink: { ref: { name: string } } }).deadLetterSink.ref.name;

describe('the cluster manifests follow the system declaration', () => {
  it('have a KafkaSource for exactly the consuming functions', () => {
    expect(sorted(sources.map(sinkOf))).toEqual(sorted(CONSUMER_FUNCTIONS));
  });

  it.each(CONSUMER_FUNCTIONS)('deliver to %s the topics it declares, in its own group, dead letters to its own topic', (name) => {
    const source = sources.find((candidate) => sinkOf(candidate) === name)!;
    expect(sorted(source.spec.topics as string[])).toEqual(sorted(topicsReadBy(name)));
    expect(source.spec.consumerGroup).toBe(`todo-${name}`);
    expect(sinks.get(deadLetterSinkOf(source))?.spec.topic).toBe(deadLetterTopic(name));
  });

  it.each(CONSUMER_FUNCTIONS)('subscribe %s through Dapr to the same topics, scoped to it alone', (name) => {
    const own = subscriptions.filter((subscription) => subscription.scopes?.includes(name));
    expect(sorted(own.map((subscription) => subscription.spec.topic))).toEqual(sorted(topicsReadBy(name)));
    for (const subscription of own) {
      expect(subscription.scopes).toEqual([name]);
      expect(subscription.spec.deadLetterTopic).toBe(deadLetterTopic(name));
      expect(subscription.spec.routes).toEqual({ default: '/dapr/events' });
    }
  });

  it('create exactly the declared topics with the local partition counts, and a dead-letter topic per consumer', () => {
    const planned = { ...TOPIC_PARTITIONS, ...Object.fromEntries(CONSUMER_FUNCTIONS.map((name) => [deadLetterTopic(name), 1])) };
    const created = Object.fromEntries(kafkaTopics.map((topic) => [topic.spec.topicName ?? topic.metadata.name, topic.spec.partitions]));
    expect(created).toEqual(planned);
  });

  it.each(FUNCTION_NAMES)('give %s the URL of each function it calls, and of no other', (name) => {
    const [service] = documents(`knative/base/services/${name}.yaml`).filter((resource) => resource.kind === 'Service');
    const containers = (service!.spec.template as { spec: { containers: { env?: { name: string }[] }[] } }).spec.containers;
    const urls = containers.flatMap((container) => container.env ?? []).map((variable) => variable.name).filter((variable) => FUNCTION_NAMES.some((callee) => variable === `${callee.toUpperCase()}_URL`));
    expect(sorted(urls)).toEqual(sorted(SYSTEM[name].calls.map((callee) => `${callee.toUpperCase()}_URL`)));
  });

  it('give no KafkaSource or Subscription to a function that consumes nothing', () => {
    const idle = Object.entries(SYSTEM).filter(([, declared]) => declared.consumes === null).map(([name]) => name);
    for (const name of idle) {
      expect(sources.map(sinkOf)).not.toContain(name);
      expect(subscriptions.flatMap((subscription) => subscription.scopes ?? [])).not.toContain(name);
    }
  });
});

describe('every declared function has its place in the cluster files', () => {
  const base = kustomization('knative/base');
  const bootstrap = JSON.stringify(database.spec.bootstrap);
  const accounts = documents('knative/base/service-accounts.yaml').filter((resource) => resource.kind === 'ServiceAccount');
  const jwksReaders = documents('knative/base/jwks-reader.yaml').flatMap((resource) => namesIn((resource as unknown as { subjects?: unknown }).subjects));

  it.each(FUNCTION_NAMES)('%s: Knative Service and event delivery listed, service account, database role and schema, Dapr scopes, images', (name) => {
    expect(base.resources).toContain(`services/${name}.yaml`);
    if (SYSTEM[name].consumes) expect(base.resources).toContain(`eventing/${name}.yaml`);
    expect(accounts.map((account) => account.metadata.name)).toContain(name);
    expect(jwksReaders).toContain(name);
    expect(namesIn((database.spec.managed as { roles: unknown }).roles)).toContain(name);
    expect(bootstrap).toContain(`'${name}'`);
    for (const component of ['dapr/subscriptions/pubsub.yaml', 'dapr/base/statestore.yaml']) expect(scopesOf(component), component).toContain(name);
    for (const overlay of ['knative/overlays/kind', 'knative/overlays/cloud']) expect(namesIn(kustomization(overlay).images), overlay).toContain(`todo-${name}`);
  });
});
