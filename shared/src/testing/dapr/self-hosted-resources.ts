import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, parseAllDocuments } from 'yaml';
import { PROJECT_ROOT } from './dapr-binaries';

/**
 * The self-hosted twin of the cluster's Dapr files, generated from them so the two cannot drift: each
 * file of dapr/base and dapr/subscriptions is copied as it is, except for what only exists in a
 * cluster. Every change is listed here:
 *  - `metadata.namespace` is removed (self-hosted daprd has no namespaces);
 *  - pubsub's `brokers` point at the local broker;
 *  - the Configuration samples no traces (no collector runs beside the tests) and lists the secrets a
 *    test may read under the `kubernetes` store's `allowedSecrets`;
 *  - the Kubernetes secret store, which Dapr provisions by itself in a cluster, is a `secretstores.local.file`
 *    component of the same name, `kubernetes`, so the state store's `secretKeyRef` and the secret scopes
 *    work unchanged.
 */
export interface SelfHostedOptions {
  /** Where the files go (created). */
  folder: string;
  /** `host:port` of the Kafka broker; without it the pub/sub component and Subscriptions are left out. */
  kafkaBrokers?: string;
  /** The secrets the store holds: name → key → value (a Kubernetes Secret's shape). */
  secrets: Record<string, Record<string, string>>;
  /** Names the Configuration allows reading through the secrets API. */
  allowedSecrets: string[];
}

export const CONFIGURATION_NAME = 'todo-config';

/** Writes the resources folder (`--resources-path`) and the Configuration (`--config`); returns their paths. */
export function writeSelfHostedResources(options: SelfHostedOptions): { resourcesPath: string; configPath: string } {
  const resourcesPath = join(options.folder, 'resources');
  mkdirSync(resourcesPath, { recursive: true });
  const secretsFile = join(options.folder, 'secrets.json');
  writeFileSync(secretsFile, JSON.stringify(options.secrets));

  write(resourcesPath, 'resiliency.yaml', documents('dapr/base/resiliency.yaml'));
  write(resourcesPath, 'statestore.yaml', documents('dapr/base/statestore.yaml'));
  write(resourcesPath, 'secretstore.yaml', [secretStore(secretsFile)]);
  if (options.kafkaBrokers) {
    write(resourcesPath, 'pubsub.yaml', documents('dapr/subscriptions/pubsub.yaml').map((document) => withBrokers(document, options.kafkaBrokers!)));
    write(resourcesPath, 'subscriptions.yaml', documents('dapr/subscriptions/subscriptions.yaml'));
  }
  const configPath = join(options.folder, 'configuration.yaml');
  const configuration = documents('dapr/base/configuration.yaml').map((document) => selfHostedConfiguration(document, options.allowedSecrets));
  writeFileSync(configPath, configuration.map(String).join('---\n'));
  return { resourcesPath, configPath };
}

/** The documents of a project file, without their namespace. */
export function documents(path: string): Document[] {
  const parsed = parseAllDocuments(readFileSync(join(PROJECT_ROOT, path), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: not YAML documents`);
  for (const document of parsed) {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]!.message}`);
    document.deleteIn(['metadata', 'namespace']);
  }
  return parsed.filter((document) => document.get('kind') !== undefined);
}

function write(folder: string, name: string, docs: (Document | string)[]): void {
  writeFileSync(join(folder, name), docs.map(String).join('---\n'));
}

function withBrokers(document: Document, brokers: string): Document {
  const metadata = document.getIn(['spec', 'metadata']) as { items: { get(key: string): unknown; set(key: string, value: unknown): void }[] } | undefined;
  const entry = metadata?.items.find((item) => item.get('name') === 'brokers');
  if (!entry) throw new Error('dapr/subscriptions/pubsub.yaml has no brokers entry');
  entry.set('value', brokers);
  return document;
}

function selfHostedConfiguration(document: Document, allowedSecrets: string[]): Document {
  document.setIn(['spec', 'tracing', 'samplingRate'], '0');
  const scopes = document.getIn(['spec', 'secrets', 'scopes']) as { items: { get(key: string): unknown; set(key: string, value: unknown): void }[] } | undefined;
  const kubernetes = scopes?.items.find((scope) => scope.get('storeName') === 'kubernetes');
  if (!kubernetes) throw new Error('dapr/base/configuration.yaml has no secret scope for the kubernetes store');
  kubernetes.set('allowedSecrets', document.createNode(allowedSecrets));
  return document;
}

function secretStore(secretsFile: string): string {
  return [
    'apiVersion: dapr.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: kubernetes',
    'spec:',
    '  type: secretstores.local.file',
    '  version: v1',
    '  metadata:',
    '    - name: secretsFile',
    `      value: ${JSON.stringify(secretsFile)}`,
    '    - name: multiValued',
    '      value: "true"',
    '',
  ].join('\n');
}
