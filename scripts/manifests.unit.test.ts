// Validates the cluster manifests without a cluster: every YAML document under knative/ and dapr/ and
// every kustomization's rendered output (kubectl kustomize, or kustomize build) against the vendored
// JSON Schemas (scripts/k8s-schemas), then the platform rules that the schemas cannot express
// (../shared/reference/platform.md, "Traps"): where the annotations go, ports that collide, scale
// bounds, probes, security context, KafkaSource delivery, Dapr pub/sub settings, no committed Secret.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { POOL_SIZE } from '#shared/db/connect';
import { FUNCTION_NAMES, SYSTEM } from '#shared/system/system-declaration';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaDir = join(root, 'scripts/k8s-schemas');
const manifestRoots = ['knative', 'dapr'];

/** The system's functions (mission.md): each has a Knative Service even before its folder exists under functions/. */
const SYSTEM_FUNCTIONS: string[] = FUNCTION_NAMES;
/** The one function that must not scale to zero: it owns Dapr Jobs (platform.md §2.3, §4). */
const ALWAYS_UP = FUNCTION_NAMES.find((name) => SYSTEM[name].scaling === 'always-up');
/** Ports daprd must not use: queue-proxy's 8012, 8013, 8022, 8112, 9090, 9091 and profiling 8008. */
const QUEUE_PROXY_PORTS = new Set([8008, 8012, 8013, 8022, 8112, 9090, 9091]);
const APP_PORT = 8080;
/** Postgres's default superuser_reserved_connections: ordinary roles cannot use them. */
const SUPERUSER_RESERVED_CONNECTIONS = 3;
/** The function that LISTENs (chat's live updates): one more connection, a session no transaction pooler keeps. */
const LISTENS = 'chat';
/** The key of a db-url Secret holding the URL through the CNPG Pooler (knative/overlays/cloud). */
const POOLED_URL_KEY = 'POOLED_DATABASE_URL';
/** PgBouncer's defaults for what a Pooler leaves unset. */
const PGBOUNCER_DEFAULTS = { default_pool_size: 20, reserve_pool_size: 0, max_client_conn: 100, max_prepared_statements: 0 };
/** Functions with no API for people: reachable only inside the cluster. */
const CLUSTER_LOCAL: string[] = FUNCTION_NAMES.filter((name) => SYSTEM[name].exposure === 'cluster-local');
/** The namespaces whose pods may reach a function (knative/base/network-policies.yaml). */
const FUNCTION_CALLERS = ['knative-serving', 'kourier-system', 'knative-eventing'];

/**
 * The service account Knative Eventing gives a KafkaSource for sender identity (knative/eventing
 * pkg/auth GetOIDCServiceAccountNameForResource: kmeta.ChildName(name, "-oidc-<group>-<kind>"), lower
 * case). ChildName hashes names over 63 characters; none here is, and the test says so if one becomes.
 */
function kafkaSourceIdentity(sourceName: string): string {
  const name = `${sourceName}-oidc-sources.knative.dev-KafkaSource`.toLowerCase();
  if (name.length > 63) throw new Error(`KafkaSource ${sourceName}: its OIDC service account name would be hashed; choose a shorter name`);
  return name;
}

type Json = Record<string, unknown>;

interface Manifest {
  /** Where it came from: a file path (and document index) or a rendered kustomization. */
  source: string;
  body: Json;
}

// ---------------------------------------------------------------------------------------------
// Reading

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

function isKustomization(path: string): boolean {
  return /^kustomization\.ya?ml$|^Kustomization$/.test(basename(path));
}

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Kubernetes documents of a YAML stream; documents without apiVersion and kind are not Kubernetes objects. */
function parseManifests(text: string, source: string): Manifest[] {
  const manifests: Manifest[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    if (document.errors.length > 0) throw new Error(`${source} document ${index}: ${document.errors[0]?.message}`);
    const body = asObject(document.toJS());
    if (typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') return;
    if (body.apiVersion.startsWith('kustomize.config.k8s.io/')) return;
    manifests.push({ source: `${source}#${index}`, body });
  });
  return manifests;
}

const yamlFiles = manifestRoots.flatMap((dir) => walk(join(root, dir))).sort();
const manifestFiles = yamlFiles.filter((path) => !isKustomization(path));
const fileManifests = manifestFiles.flatMap((path) => parseManifests(readFileSync(path, 'utf8'), relative(root, path)));

/** Every kustomization that renders on its own (kustomize Components only render inside another). */
const kustomizations = yamlFiles
  .filter(isKustomization)
  .filter((path) => asObject(parseAllDocuments(readFileSync(path, 'utf8'))[0]?.toJS()).kind !== 'Component')
  .map((path) => relative(root, dirname(path)));

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize`, else `kustomize build` (PATH, $KUSTOMIZE, or ~/go/bin from `go install`). */
function findKustomize(): { command: string; args: string[] } | null {
  const explicit = process.env.KUSTOMIZE;
  if (explicit) return { command: explicit, args: ['build'] };
  if (runs('kubectl', ['version', '--client'])) return { command: 'kubectl', args: ['kustomize'] };
  const goBin = join(process.env.GOPATH ?? join(homedir(), 'go'), 'bin/kustomize');
  for (const candidate of ['kustomize', goBin]) {
    if (runs(candidate, ['version'])) return { command: candidate, args: ['build'] };
  }
  return null;
}

const kustomize = findKustomize();

const rendered = new Map<string, Manifest[]>();

/** The rendered kustomization (once per directory; the tests only read it). */
function render(dir: string): Manifest[] {
  const cached = rendered.get(dir);
  if (cached) return cached;
  if (!kustomize) {
    throw new Error(
      'Rendering the kustomize overlays needs kubectl (kubectl kustomize) or kustomize (kustomize build). ' +
        'Install one, e.g. `go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1` (then ~/go/bin is searched), ' +
        'or point KUSTOMIZE at a kustomize binary.',
    );
  }
  const output = execFileSync(kustomize.command, [...kustomize.args, join(root, dir)], { encoding: 'utf8', timeout: 60_000 });
  const manifests = parseManifests(output, `kustomize ${dir}`);
  rendered.set(dir, manifests);
  return manifests;
}

// ---------------------------------------------------------------------------------------------
// Schemas

const schemaIndex = JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as Record<string, string>;
// ajv-formats is CommonJS; depending on the loader its function is the module or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction | undefined {
  const file = schemaIndex[key];
  if (!file) return undefined;
  let validate = validators.get(key);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Json;
    delete schema.$schema; // "http://json-schema.org/schema#" (core schemas) is not a meta-schema Ajv knows
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function nameOf(manifest: Manifest): string {
  return str(asObject(manifest.body.metadata).name) ?? '(no name)';
}

function label(manifest: Manifest): string {
  return `${manifest.source} ${manifest.body.kind}/${nameOf(manifest)}`;
}

function schemaProblems(manifests: Manifest[]): string[] {
  return manifests.flatMap((manifest) => {
    const key = `${manifest.body.apiVersion}|${manifest.body.kind}`;
    const validate = validatorFor(key);
    if (!validate) return [`${label(manifest)}: no schema for ${key} (unknown apiVersion|kind; add it to scripts/k8s-schemas/index.json)`];
    if (validate(manifest.body)) return [];
    return (validate.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return `${label(manifest)}: ${error.instancePath || '/'} ${error.message}${extra ? `: ${extra}` : ''}`;
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Platform rules, one manifest at a time

const isKind = (manifest: Manifest, apiVersion: string, kind: string) => manifest.body.apiVersion === apiVersion && manifest.body.kind === kind;
const isKsvc = (m: Manifest) => isKind(m, 'serving.knative.dev/v1', 'Service');
const isKafkaSource = (m: Manifest) => m.body.apiVersion?.toString().startsWith('sources.knative.dev/') === true && m.body.kind === 'KafkaSource';
const isKafkaSink = (m: Manifest) => m.body.apiVersion?.toString().startsWith('eventing.knative.dev/') === true && m.body.kind === 'KafkaSink';
const isDaprComponent = (m: Manifest) => isKind(m, 'dapr.io/v1alpha1', 'Component');
const isSubscription = (m: Manifest) => m.body.apiVersion?.toString().startsWith('dapr.io/') === true && m.body.kind === 'Subscription';

function spec(manifest: Manifest): Json {
  return asObject(manifest.body.spec);
}

function templateAnnotations(ksvc: Manifest): Record<string, unknown> {
  return asObject(asObject(asObject(spec(ksvc).template).metadata).annotations);
}

function container(ksvc: Manifest): Json {
  return asObject(asArray(asObject(asObject(spec(ksvc).template).spec).containers)[0]);
}

function componentMetadata(component: Manifest): Map<string, unknown> {
  return new Map(asArray(spec(component).metadata).map((item) => [str(asObject(item).name) ?? '', asObject(item).value ?? asObject(item).secretKeyRef]));
}

function ksvcProblems(ksvc: Manifest): string[] {
  const problems: string[] = [];
  const name = nameOf(ksvc);
  const fail = (message: string) => problems.push(`${label(ksvc)}: ${message}`);

  // Trap 14: on the Service's own metadata these annotations reach neither the revision nor the pod.
  for (const key of Object.keys(asObject(asObject(ksvc.body.metadata).annotations))) {
    if (key.startsWith('dapr.io/') || key.startsWith('autoscaling.knative.dev/')) fail(`${key} belongs on spec.template.metadata.annotations`);
  }

  const annotations = templateAnnotations(ksvc);
  const annotation = (key: string) => str(annotations[key]);
  // Dapr: app-id fixed to the service name (trap 13), the app's port, a config, quiet API logs.
  if (annotation('dapr.io/enabled') !== 'true') fail('dapr.io/enabled must be "true"');
  if (annotation('dapr.io/app-id') !== name) fail(`dapr.io/app-id must be "${name}" (the service name), is ${annotation('dapr.io/app-id')}`);
  if (annotation('dapr.io/app-port') !== String(APP_PORT)) fail(`dapr.io/app-port must be "${APP_PORT}"`);
  if (!annotation('dapr.io/config')) fail('dapr.io/config is missing');
  if (annotation('dapr.io/enable-api-logging') !== 'false') fail('dapr.io/enable-api-logging must be "false"');
  // Trap 12: daprd's default metrics port 9090 is queue-proxy's.
  const metricsPort = Number(annotation('dapr.io/metrics-port'));
  if (!Number.isInteger(metricsPort) || metricsPort <= 0) fail('dapr.io/metrics-port must be set (daprd defaults to 9090, which queue-proxy uses)');
  else if (QUEUE_PROXY_PORTS.has(metricsPort) || metricsPort === APP_PORT) fail(`dapr.io/metrics-port ${metricsPort} collides with queue-proxy or the app`);

  // Autoscaling bounds (min-scale itself depends on the delivery mode: deliveryProblems).
  const minScale = Number(annotation('autoscaling.knative.dev/min-scale'));
  const maxScale = Number(annotation('autoscaling.knative.dev/max-scale'));
  if (!Number.isInteger(minScale)) fail('autoscaling.knative.dev/min-scale must be set');
  if (!Number.isInteger(maxScale) || maxScale < 1 || maxScale < minScale) fail('autoscaling.knative.dev/max-scale must be set, >= 1 and >= min-scale');
  if (!(Number(annotation('autoscaling.knative.dev/target')) > 0)) fail('autoscaling.knative.dev/target (concurrency target) must be set');
  if (!annotation('autoscaling.knative.dev/scale-down-delay')) fail('autoscaling.knative.dev/scale-down-delay must be set');

  const podSpec = asObject(asObject(spec(ksvc).template).spec);
  const timeout = podSpec.timeoutSeconds;
  if (typeof timeout !== 'number' || timeout < 1 || timeout > 600) fail('spec.template.spec.timeoutSeconds must be set (1..600)');
  const containers = asArray(podSpec.containers);
  if (containers.length !== 1) fail('exactly one container');
  const app = container(ksvc);
  const ports = asArray(app.ports).map((port) => asObject(port).containerPort);
  if (ports.length !== 1 || ports[0] !== APP_PORT) fail(`one containerPort ${APP_PORT}`);

  // Probes: readiness on /ready, liveness on /live (never the other way round).
  if (asObject(asObject(app.readinessProbe).httpGet).path !== '/ready') fail('readinessProbe must be httpGet /ready');
  if (asObject(asObject(app.livenessProbe).httpGet).path !== '/live') fail('livenessProbe must be httpGet /live');

  const resources = asObject(app.resources);
  const requests = asObject(resources.requests);
  const limits = asObject(resources.limits);
  if (requests.cpu === undefined || requests.memory === undefined) fail('resources.requests.cpu and .memory must be set');
  if (limits.memory === undefined) fail('resources.limits.memory must be set');

  const security = asObject(app.securityContext);
  if (security.runAsNonRoot !== true) fail('securityContext.runAsNonRoot must be true');
  if (security.readOnlyRootFilesystem !== true) fail('securityContext.readOnlyRootFilesystem must be true');
  if (security.allowPrivilegeEscalation !== false) fail('securityContext.allowPrivilegeEscalation must be false');
  if (!asArray(asObject(security.capabilities).drop).includes('ALL')) fail('securityContext.capabilities.drop must include ALL');

  // Environment: the service name, DATABASE_URL from a Secret, and no secret written as a literal.
  const env = new Map(asArray(app.env).map((item) => [str(asObject(item).name) ?? '', asObject(item)]));
  if (env.get('SERVICE_NAME')?.value !== name) fail(`env SERVICE_NAME must be "${name}"`);
  if (!asObject(asObject(env.get('DATABASE_URL')?.valueFrom).secretKeyRef).name) fail('env DATABASE_URL must come from a Secret (valueFrom.secretKeyRef)');
  for (const [key, item] of env) {
    if (/SECRET|PASSWORD|TOKEN|PRIVATE|DATABASE_URL|CONNECTION/i.test(key) && item.value !== undefined) fail(`env ${key} must come from a Secret, not a literal value`);
  }
  if (name === ALWAYS_UP && env.get('REMINDER_SCHEDULER')?.value !== 'dapr') fail('env REMINDER_SCHEDULER must be "dapr"');

  // Every delivery is authenticated: the sidecar's app token (the same Secret on both sides), and the
  // audience and identities of the event path's tokens.
  const appTokenSecret = annotation('dapr.io/app-token-secret');
  if (!appTokenSecret) fail('dapr.io/app-token-secret must be set: the sidecar then presents the app token on every call to the app');
  if (asObject(asObject(env.get('APP_API_TOKEN')?.valueFrom).secretKeyRef).name !== appTokenSecret) fail(`env APP_API_TOKEN must come from the Secret ${appTokenSecret} (dapr.io/app-token-secret), so the app checks what the sidecar sends`);
  if (!str(env.get('EVENTS_OIDC_AUDIENCE')?.value)) fail('env EVENTS_OIDC_AUDIENCE must be set (the audience of its KafkaSource\'s tokens)');
  if (!str(env.get('EVENTS_OIDC_SENDERS')?.value)) fail('env EVENTS_OIDC_SENDERS must name the event path\'s service accounts');
  const visibility = str(asObject(asObject(ksvc.body.metadata).labels)['networking.knative.dev/visibility']);
  if (CLUSTER_LOCAL.includes(name) && visibility !== 'cluster-local') fail('networking.knative.dev/visibility must be cluster-local (it has no API for people)');
  return problems;
}

function kafkaSourceProblems(source: Manifest): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${label(source)}: ${message}`);
  const body = spec(source);
  if (!str(body.consumerGroup)) fail('spec.consumerGroup must be set (one group per consumer)');
  if (asArray(body.topics).length === 0) fail('spec.topics must list the topics');
  if (!['ordered', 'unordered'].includes(str(body.ordering) ?? '')) fail('spec.ordering must be chosen explicitly (ordered | unordered)');
  const sink = asObject(body.sink);
  const ref = asObject(sink.ref);
  if (ref.apiVersion !== 'serving.knative.dev/v1' || ref.kind !== 'Service') fail('spec.sink.ref must be a Knative Service');
  if (sink.uri !== '/events') fail('spec.sink.uri must be /events (the function\'s Knative event route)');
  if (!str(sink.audience)) fail('spec.sink.audience must be set: the source presents a token for it (sender identity)');
  // Trap 23: a `delivery` block replaces the defaults, so retries must be spelled out.
  const delivery = asObject(body.delivery);
  if (!(typeof delivery.retry === 'number' && delivery.retry >= 1)) fail('spec.delivery.retry must be >= 1 (setting delivery removes the default retries)');
  if (delivery.backoffPolicy !== 'exponential') fail('spec.delivery.backoffPolicy must be exponential');
  if (!str(delivery.backoffDelay)) fail('spec.delivery.backoffDelay must be set (no delay means immediate retries)');
  const deadLetter = asObject(delivery.deadLetterSink);
  if (!deadLetter.ref && !deadLetter.uri) fail('spec.delivery.deadLetterSink must be set');
  return problems;
}

function daprComponentProblems(component: Manifest): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${label(component)}: ${message}`);
  const metadata = componentMetadata(component);
  // Trap 4: the documented 1024 caps every Kafka message at 1 KB.
  const maxBytes = metadata.get('maxMessageBytes');
  if (maxBytes !== undefined && Number(maxBytes) < 1024 * 1024) fail(`maxMessageBytes ${String(maxBytes)} caps messages below 1 MiB (trap 4); leave it unset`);
  if (spec(component).type === 'pubsub.kafka') {
    const exclude = str(metadata.get('excludeHeaderMetaRegex'));
    if (!exclude) fail('excludeHeaderMetaRegex must be set (publish metadata leaks into Kafka headers, trap 8)');
    // The Dapr bus marks records as structured CloudEvents with metadata.content-type (dapr/README.md).
    else if (!new RegExp(exclude).test('partitionKey') || new RegExp(exclude).test('content-type')) fail('excludeHeaderMetaRegex must drop partitionKey and keep content-type');
    if (!metadata.has('authType')) fail('authType must be set');
    if (!metadata.has('brokers')) fail('brokers must be set');
  }
  return problems;
}

function subscriptionProblems(subscription: Manifest): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${label(subscription)}: ${message}`);
  const body = spec(subscription);
  if (subscription.body.apiVersion !== 'dapr.io/v2alpha1') fail('use dapr.io/v2alpha1');
  if (!str(body.deadLetterTopic)) fail('spec.deadLetterTopic must be set');
  if (asObject(body.routes).default !== '/dapr/events') fail('spec.routes.default must be /dapr/events');
  if (asArray(subscription.body.scopes).length === 0) fail('scopes must name the subscribing app-id');
  return problems;
}

function resiliencyProblems(resiliency: Manifest): string[] {
  const components = asObject(asObject(spec(resiliency).targets).components);
  const statestore = asObject(asObject(components.statestore).outbound);
  const problems: string[] = [];
  // A retried first-write can never succeed and a lost race is no outage (dapr/base/resiliency.yaml).
  if (statestore.retry !== undefined || statestore.circuitBreaker !== undefined) problems.push(`${label(resiliency)}: the statestore outbound target must have a timeout only (no retry, no circuit breaker)`);
  // daprd shares one breaker per component between delivery, publish and the dead-letter send: open, it loses events.
  const pubsub = asObject(components.pubsub);
  if (asObject(pubsub.inbound).circuitBreaker !== undefined || asObject(pubsub.outbound).circuitBreaker !== undefined) problems.push(`${label(resiliency)}: the pubsub component must have no circuit breaker (it would make the dead-letter send fail)`);
  if (asObject(pubsub.inbound).retry === undefined) problems.push(`${label(resiliency)}: the pubsub inbound target needs a retry policy (without one the first failure goes to the dead-letter topic)`);
  return problems;
}

function manifestProblems(manifest: Manifest): string[] {
  if (manifest.body.kind === 'Secret') return [`${label(manifest)}: no Secret is committed (scripts/cluster-deploy.sh creates them)`];
  if (isKsvc(manifest)) return ksvcProblems(manifest);
  if (isKafkaSource(manifest)) return kafkaSourceProblems(manifest);
  if (isKafkaSink(manifest) && !str(spec(manifest).contentMode)) return [`${label(manifest)}: spec.contentMode must be set`];
  if (isDaprComponent(manifest)) return daprComponentProblems(manifest);
  if (isSubscription(manifest)) return subscriptionProblems(manifest);
  if (isKind(manifest, 'dapr.io/v1alpha1', 'Resiliency')) return resiliencyProblems(manifest);
  return [];
}

// ---------------------------------------------------------------------------------------------
// Rules across one deployment (a rendered kustomization)

function functionNames(): string[] {
  const dir = join(root, 'functions');
  const folders = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  return [...new Set([...folders, ...SYSTEM_FUNCTIONS])].sort();
}

function minScaleProblem(ksvc: Manifest, alwaysOn: boolean): string | null {
  const name = nameOf(ksvc);
  const minScale = str(templateAnnotations(ksvc)['autoscaling.knative.dev/min-scale']);
  if (alwaysOn) return Number(minScale) >= 1 ? null : `${label(ksvc)}: min-scale must be >= 1 when Dapr pub/sub delivers (it never wakes a function at zero)`;
  const expected = name === ALWAYS_UP ? '1' : '0';
  return minScale === expected ? null : `${label(ksvc)}: min-scale must be "${expected}"${name === ALWAYS_UP ? ' (it owns Dapr Jobs)' : ' (scale to zero)'}, is ${minScale}`;
}

function deploymentProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const ksvcs = manifests.filter(isKsvc);
  const sources = manifests.filter(isKafkaSource);
  const sinks = new Map(manifests.filter(isKafkaSink).map((m) => [nameOf(m), m]));
  const topics = manifests.filter((m) => isKind(m, 'kafka.strimzi.io/v1', 'KafkaTopic'));
  const topicNames = new Set(topics.map((t) => str(spec(t).topicName) ?? nameOf(t)));
  const subscriptions = manifests.filter(isSubscription);
  const alwaysOn = subscriptions.length > 0;
  const ksvcNames = new Set(ksvcs.map(nameOf));

  if (ksvcs.length > 0) {
    for (const name of functionNames()) if (!ksvcNames.has(name)) problems.push(`function ${name} has no Knative Service`);
    for (const ksvc of ksvcs) {
      const problem = minScaleProblem(ksvc, alwaysOn);
      if (problem) problems.push(problem);
    }
  }

  // Knative Eventing: one consumer group per source, sinks and dead-letter sinks that exist.
  const groups = new Map<string, string>();
  for (const source of sources) {
    const body = spec(source);
    const group = str(body.consumerGroup) ?? '';
    if (groups.has(group)) problems.push(`${label(source)}: consumerGroup ${group} is also used by ${groups.get(group)}`);
    groups.set(group, nameOf(source));
    const target = str(asObject(asObject(body.sink).ref).name) ?? '';
    if (ksvcs.length > 0 && !ksvcNames.has(target)) problems.push(`${label(source)}: sink ${target} is not a Knative Service here`);
    const sinkKsvc = ksvcs.find((ksvc) => nameOf(ksvc) === target);
    if (sinkKsvc) {
      const env = envOf(sinkKsvc);
      const audience = str(asObject(body.sink).audience);
      if (env.get('EVENTS_OIDC_AUDIENCE') !== audience) problems.push(`${label(source)}: sink.audience ${audience} is not ${target}'s EVENTS_OIDC_AUDIENCE ${env.get('EVENTS_OIDC_AUDIENCE')}`);
      const namespace = str(asObject(source.body.metadata).namespace) ?? 'todo';
      const identity = `system:serviceaccount:${namespace}:${kafkaSourceIdentity(nameOf(source))}`;
      if (!(env.get('EVENTS_OIDC_SENDERS') ?? '').split(',').includes(identity)) problems.push(`${label(source)}: ${target}'s EVENTS_OIDC_SENDERS must list ${identity}, the identity this source delivers with`);
    }
    const deadLetter = asObject(asObject(asObject(body.delivery).deadLetterSink).ref);
    if (deadLetter.kind === 'KafkaSink' && !sinks.has(str(deadLetter.name) ?? '')) problems.push(`${label(source)}: dead-letter KafkaSink ${String(deadLetter.name)} is missing`);
    if (topics.length > 0) {
      for (const topic of asArray(body.topics)) if (!topicNames.has(String(topic))) problems.push(`${label(source)}: topic ${String(topic)} has no KafkaTopic`);
    }
  }
  if (topics.length > 0) {
    for (const sink of sinks.values()) {
      const topic = str(spec(sink).topic) ?? '';
      if (!topicNames.has(topic)) problems.push(`${label(sink)}: topic ${topic} has no KafkaTopic`);
    }
  }

  // One delivery path per function: KafkaSources or Dapr subscriptions, never both.
  if (alwaysOn && sources.length > 0) problems.push('both KafkaSources and Dapr Subscriptions: every event would be delivered twice');
  if (alwaysOn) {
    if (!manifests.some((m) => isDaprComponent(m) && spec(m).type === 'pubsub.kafka')) problems.push('Dapr Subscriptions without a pubsub.kafka component');
    for (const subscription of subscriptions) {
      for (const scope of asArray(subscription.body.scopes)) if (!ksvcNames.has(String(scope))) problems.push(`${label(subscription)}: scope ${String(scope)} is not a Knative Service here`);
      const deadLetter = str(spec(subscription).deadLetterTopic) ?? '';
      if (topics.length > 0 && !topicNames.has(deadLetter)) problems.push(`${label(subscription)}: deadLetterTopic ${deadLetter} has no KafkaTopic`);
    }
  }

  problems.push(...wiringProblems(manifests, alwaysOn));
  if (ksvcs.length > 0) problems.push(...exposureProblems(manifests, ksvcs));

  // Dapr: every ksvc's config exists where Configurations are rendered.
  const configurations = new Set(manifests.filter((m) => isKind(m, 'dapr.io/v1alpha1', 'Configuration')).map(nameOf));
  if (configurations.size > 0) {
    for (const ksvc of ksvcs) {
      const config = str(templateAnnotations(ksvc)['dapr.io/config']) ?? '';
      if (!configurations.has(config)) problems.push(`${label(ksvc)}: dapr.io/config ${config} is not a Configuration here`);
    }
  }

  problems.push(...connectionProblems(manifests, ksvcs));

  // Kafka: no replication factor above the number of brokers (a one-node kind cluster takes 1).
  const pools = manifests.filter((m) => isKind(m, 'kafka.strimzi.io/v1', 'KafkaNodePool'));
  if (pools.length > 0) {
    const brokers = pools.filter((p) => asArray(spec(p).roles).includes('broker')).reduce((sum, p) => sum + Number(spec(p).replicas ?? 0), 0);
    for (const kafka of manifests.filter((m) => isKind(m, 'kafka.strimzi.io/v1', 'Kafka'))) {
      const config = asObject(asObject(spec(kafka).kafka).config);
      for (const key of ['offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'default.replication.factor', 'min.insync.replicas', 'transaction.state.log.min.isr']) {
        if (config[key] === undefined) problems.push(`${label(kafka)}: spec.kafka.config.${key} must be set`);
        else if (Number(config[key]) > brokers) problems.push(`${label(kafka)}: ${key} ${String(config[key])} > ${brokers} broker(s)`);
      }
    }
    for (const topic of topics) {
      const replicas = Number(spec(topic).replicas);
      const minIsr = Number(asObject(spec(topic).config)['min.insync.replicas'] ?? 1);
      if (!(replicas >= 1 && replicas <= brokers)) problems.push(`${label(topic)}: replicas ${replicas} must be 1..${brokers} (brokers)`);
      if (minIsr > replicas) problems.push(`${label(topic)}: min.insync.replicas ${minIsr} > replicas ${replicas}`);
    }
  }
  return problems;
}

/** A function whose DATABASE_URL is its Secret's pooled URL connects through the Pooler. */
function isPooled(ksvc: Manifest): boolean {
  const env = asArray(container(ksvc).env).map(asObject).find((item) => item.name === 'DATABASE_URL');
  return asObject(asObject(env?.valueFrom).secretKeyRef).key === POOLED_URL_KEY;
}

/**
 * Postgres: every function at its max-scale, each pod with a full pool, chat's LISTEN session and its
 * sidecar's state-store connections, fits under max_connections less the superuser's reserve. A pooled
 * function's pool goes to the Pooler instead, which must hold them all on one instance (the other may be
 * restarting); Postgres then sees the Pooler's server pools: one per pooled role and one for its
 * auth_query user, on each instance.
 */
function connectionProblems(manifests: Manifest[], ksvcs: Manifest[]): string[] {
  const problems: string[] = [];
  const maxScale = (ksvc: Manifest) => Number(templateAnnotations(ksvc)['autoscaling.knative.dev/max-scale']);
  const poolers = manifests.filter((m) => isKind(m, 'postgresql.cnpg.io/v1', 'Pooler'));
  const pooled = ksvcs.filter(isPooled);
  const settings = (pooler: Manifest) => ({ ...PGBOUNCER_DEFAULTS, ...Object.fromEntries(Object.entries(asObject(asObject(spec(pooler).pgbouncer).parameters)).map(([key, value]) => [key, Number(value)])) });
  if (pooled.length > 0 && !poolers.some((pooler) => (spec(pooler).type ?? 'rw') === 'rw')) problems.push(`${pooled.map(nameOf).join(', ')}: ${POOLED_URL_KEY} without an rw Pooler here`);
  for (const ksvc of pooled.filter((k) => nameOf(k) === LISTENS)) problems.push(`${label(ksvc)}: it LISTENs, which a transaction pooler cannot keep; its DATABASE_URL must reach the server directly`);
  for (const pooler of poolers) {
    const pgbouncer = asObject(spec(pooler).pgbouncer);
    // postgres.js prepares named statements; in transaction mode PgBouncer keeps them only when told to.
    if (pgbouncer.poolMode === 'transaction' && !(settings(pooler).max_prepared_statements > 0)) problems.push(`${label(pooler)}: transaction pooling needs max_prepared_statements > 0 (the functions prepare their statements)`);
    const clients = pooled.reduce((sum, ksvc) => sum + maxScale(ksvc) * POOL_SIZE, 0);
    if (clients > settings(pooler).max_client_conn) problems.push(`${label(pooler)}: the pooled functions at max-scale open ${clients} client connections, more than max_client_conn ${settings(pooler).max_client_conn}`);
  }

  const database = manifests.find((m) => isKind(m, 'postgresql.cnpg.io/v1', 'Cluster'));
  const stateStore = manifests.find((m) => isDaprComponent(m) && str(spec(m).type)?.startsWith('state.') === true);
  if (database && stateStore && ksvcs.length > 0) {
    const sidecarConnections = Number(componentMetadata(stateStore).get('maxConns'));
    const direct = ksvcs.reduce((sum, ksvc) => sum + maxScale(ksvc) * ((isPooled(ksvc) ? 0 : POOL_SIZE + (nameOf(ksvc) === LISTENS ? 1 : 0)) + sidecarConnections), 0);
    const server = pooled.length === 0 ? 0 : poolers.reduce((sum, pooler) => sum + Number(spec(pooler).instances ?? 1) * (pooled.length + 1) * (settings(pooler).default_pool_size + settings(pooler).reserve_pool_size), 0);
    const needed = direct + server;
    const available = Number(asObject(asObject(spec(database).postgresql).parameters).max_connections) - SUPERUSER_RESERVED_CONNECTIONS;
    if (!(needed <= available)) problems.push(`${label(database)}: the functions at max-scale may open ${needed} connections (${server} through the Pooler), more than max_connections allows (${available} after the superuser's reserve)`);
  }
  return problems;
}

/** Who can reach the functions, and what they may read: network policies, the key-set reader binding, the config. */
function exposureProblems(manifests: Manifest[], ksvcs: Manifest[]): string[] {
  const problems: string[] = [];
  const policies = manifests.filter((m) => isKind(m, 'networking.k8s.io/v1', 'NetworkPolicy'));
  const guarding = policies.filter((policy) => {
    const selected = asObject(asObject(spec(policy).podSelector).matchLabels);
    return selected['app.kubernetes.io/component'] === 'function' && asArray(spec(policy).policyTypes).includes('Ingress');
  });
  if (guarding.length === 0) problems.push('no NetworkPolicy restricts who reaches the function pods');
  const allowedNamespaces = new Set(
    guarding.flatMap((policy) =>
      asArray(spec(policy).ingress).flatMap((rule) => asArray(asObject(rule).from).map((peer) => str(asObject(asObject(asObject(peer).namespaceSelector).matchLabels)['kubernetes.io/metadata.name']))),
    ),
  );
  for (const namespace of FUNCTION_CALLERS) if (!allowedNamespaces.has(namespace)) problems.push(`the function pods' NetworkPolicies must let ${namespace} in`);

  const bindings = manifests.filter((m) => isKind(m, 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding') && asObject(m.body.roleRef).name === 'system:service-account-issuer-discovery');
  const readers = new Set(bindings.flatMap((binding) => asArray(binding.body.subjects).map((subject) => `${str(asObject(subject).namespace)}/${str(asObject(subject).name)}`)));
  for (const ksvc of ksvcs) {
    const account = str(asObject(asObject(spec(ksvc).template).spec).serviceAccountName);
    const namespace = str(asObject(ksvc.body.metadata).namespace) ?? 'todo';
    if (!account) problems.push(`${label(ksvc)}: serviceAccountName must be set (its own identity reads the key set)`);
    else if (!readers.has(`${namespace}/${account}`)) problems.push(`${label(ksvc)}: service account ${account} may not read the cluster's key set (bind system:service-account-issuer-discovery)`);
  }

  const data = asObject(manifests.find((m) => m.body.kind === 'ConfigMap' && nameOf(m) === 'todo-env')?.body.data);
  for (const key of ['METRICS_PORT', 'EVENTS_OIDC_ISSUER', 'EVENTS_OIDC_JWKS_URL', 'NODE_EXTRA_CA_CERTS']) {
    if (!str(data[key])) problems.push(`todo-env must set ${key}`);
  }
  if (QUEUE_PROXY_PORTS.has(Number(data.METRICS_PORT)) || Number(data.METRICS_PORT) === APP_PORT) problems.push(`METRICS_PORT ${String(data.METRICS_PORT)} collides with queue-proxy or the app`);
  return problems;
}

function envOf(ksvc: Manifest): Map<string, string | undefined> {
  return new Map(asArray(container(ksvc).env).map((item) => [str(asObject(item).name) ?? '', str(asObject(item).value)]));
}

/** How the functions reach Kafka, each other and the state store fits the delivery mode. */
function wiringProblems(manifests: Manifest[], alwaysOn: boolean): string[] {
  const problems: string[] = [];
  const ksvcs = new Map(manifests.filter(isKsvc).map((m) => [nameOf(m), m]));
  const components = manifests.filter(isDaprComponent);
  const config = manifests.find((m) => m.body.kind === 'ConfigMap' && nameOf(m) === 'todo-env');
  const busUrl = str(asObject(config?.body.data).EVENT_BUS_URL);
  if (config) {
    // KafkaSource mode: kafkajs writes the CloudEvents binding; a pubsub component in the sidecars would
    // also make daprd consume what the apps list in GET /dapr/subscribe (double delivery).
    const pubsubs = new Set(components.filter((m) => spec(m).type === 'pubsub.kafka').map(nameOf));
    if (alwaysOn && !(busUrl?.startsWith('dapr://') && pubsubs.has(busUrl.slice('dapr://'.length)))) problems.push(`EVENT_BUS_URL ${busUrl} must be dapr://<the pubsub.kafka component> in the always-on mode (structured records Dapr subscribers parse)`);
    if (!alwaysOn && !busUrl?.startsWith('kafka://')) problems.push(`EVENT_BUS_URL ${busUrl} must be kafka:// when KafkaSources deliver`);
  }
  const chat = ksvcs.get('chat');
  if (chat && ksvcs.size > 1) {
    const env = envOf(chat);
    const callees = { task: 'TASK_URL', reminder: 'REMINDER_URL', notification: 'NOTIFICATION_URL' } as const;
    for (const [callee, variable] of Object.entries(callees)) {
      const target = ksvcs.get(callee);
      if (!target) continue;
      if (env.get('TASK_SERVICE') === 'dapr') {
        // Dapr invocation goes sidecar to sidecar, past the activator: it cannot wake a function at zero.
        if (!(Number(templateAnnotations(target)['autoscaling.knative.dev/min-scale']) >= 1)) problems.push(`chat invokes ${callee} through Dapr, which cannot wake it at min-scale 0`);
      } else if (env.get(variable) !== `http://${callee}.todo.svc.cluster.local`) {
        problems.push(`chat env ${variable} must be http://${callee}.todo.svc.cluster.local (the Knative route, which wakes ${callee}), is ${env.get(variable)}`);
      }
    }
    const store = env.get('RATE_LIMIT_STORE');
    if (!store?.startsWith('dapr:')) problems.push(`chat env RATE_LIMIT_STORE must be dapr:<state store> (shared by every chat pod), is ${store}`);
    else if (components.length > 0) {
      const component = components.find((m) => nameOf(m) === store.slice('dapr:'.length));
      if (!str(spec(component ?? chat).type)?.startsWith('state.')) problems.push(`RATE_LIMIT_STORE ${store} is not a state store component here`);
      else if (!asArray(component!.body.scopes).includes('chat')) problems.push(`state store ${store} is not scoped to chat`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('manifest files under knative/ and dapr/', () => {
  it('are found', () => {
    expect(fileManifests.length).toBeGreaterThan(20);
    expect(kustomizations).toEqual(expect.arrayContaining(['knative/overlays/kind', 'knative/overlays/cloud']));
  });

  it('validate against the vendored schemas', () => {
    expect(schemaProblems(fileManifests)).toEqual([]);
  });

  it('follow the platform rules', () => {
    expect(fileManifests.flatMap(manifestProblems)).toEqual([]);
  });

  it('base Knative Services scale to zero, except reminder at 1', () => {
    const base = fileManifests.filter((m) => isKsvc(m) && m.source.startsWith('knative/base/'));
    expect(base.map(nameOf).sort()).toEqual(functionNames());
    expect(base.map((ksvc) => minScaleProblem(ksvc, false)).filter(Boolean)).toEqual([]);
  });

  it('write the reason beside reminder\'s min-scale 1', () => {
    const lines = readFileSync(join(root, 'knative/base/services/reminder.yaml'), 'utf8').split('\n');
    const at = lines.findIndex((line) => /autoscaling\.knative\.dev\/min-scale:\s*"1"/.test(line));
    expect(at).toBeGreaterThan(0);
    const comment = lines.slice(Math.max(0, at - 6), at + 1).filter((line) => line.trim().startsWith('#') || line.includes(' #')).join(' ');
    expect(comment).toMatch(/Dapr Jobs/);
    expect(comment).toMatch(/sidecar/);
  });

  it('commit no Secret and no maxMessageBytes 1024 anywhere', () => {
    for (const path of manifestFiles) {
      const text = readFileSync(path, 'utf8');
      expect(text, relative(root, path)).not.toMatch(/^kind:\s*Secret\s*$/m);
      expect(text, relative(root, path)).not.toMatch(/maxMessageBytes[\s\S]{0,40}?value:\s*"?1024"?\s*$/m);
    }
  });
});

describe.each(kustomizations)('kustomize %s', (dir) => {
  it('renders, and every document validates against the vendored schemas', () => {
    const manifests = render(dir);
    expect(manifests.length).toBeGreaterThan(0);
    expect(schemaProblems(manifests)).toEqual([]);
  });

  it('follows the platform rules, one document at a time and as a deployment', () => {
    const manifests = render(dir);
    expect([...manifests.flatMap(manifestProblems), ...deploymentProblems(manifests)]).toEqual([]);
  });
});

describe('overlays', () => {
  it('kind and cloud deploy every function with KafkaSource delivery; the always-on overlay with Dapr only', () => {
    for (const dir of ['knative/overlays/kind', 'knative/overlays/cloud']) {
      const manifests = render(dir);
      const consumers = new Set(manifests.filter(isKafkaSource).map((m) => str(asObject(asObject(spec(m).sink).ref).name)));
      expect(manifests.filter(isSubscription), dir).toEqual([]);
      expect([...consumers].sort(), dir).toEqual(functionNames());
    }
    const alwaysOn = render('dapr/overlays/kind-always-on');
    expect(alwaysOn.filter(isKafkaSource)).toEqual([]);
    expect(new Set(alwaysOn.filter(isSubscription).flatMap((m) => asArray(m.body.scopes)))).toEqual(new Set(functionNames()));
  });

  it('cloud connects every function but chat (LISTEN) through the Pooler; kind connects directly', () => {
    const pooledIn = (dir: string) => render(dir).filter(isKsvc).filter(isPooled).map(nameOf).sort();
    expect(pooledIn('knative/overlays/cloud')).toEqual(functionNames().filter((name) => name !== LISTENS));
    expect(pooledIn('knative/overlays/kind')).toEqual([]);
  });

  it('kind pulls kind.local images it loaded; cloud pulls from a registry', () => {
    const imagesOf = (dir: string) => render(dir).filter(isKsvc).map((ksvc) => str(container(ksvc).image) ?? '');
    for (const image of imagesOf('knative/overlays/kind')) expect(image).toMatch(/^kind\.local\/todo-[a-z-]+:dev$/);
    for (const image of imagesOf('knative/overlays/cloud')) expect(image).toMatch(/^ghcr\.io\/[a-z0-9-]+\/todo-[a-z-]+:[\w.-]+$/);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  const runtime = lines.slice(lines.findLastIndex((line) => /^FROM\s/.test(line)));

  it('builds the bundles on Node 24 and runs one of them on distroless Node 24 as a non-root user', () => {
    expect(lines.find((line) => /^FROM\s/.test(line))).toMatch(/^FROM node:24[\w.-]* AS build$/);
    expect(runtime[0]).toMatch(/^FROM gcr\.io\/distroless\/nodejs24-debian12:nonroot$/);
    expect(runtime).toContain('USER 65532:65532');
  });

  it('copies into the runtime image only the chosen function\'s bundle folder (main.mjs, migrations, public)', () => {
    expect(runtime.filter((line) => /^(COPY|ADD)\s/.test(line))).toEqual(['COPY --from=build /src/dist/${FUNCTION}/ ./']);
    expect(lines).toContain('RUN npm run build && rm -f dist/*/meta.json');
    expect(runtime.at(-1)).toBe('CMD ["main.mjs"]');
  });
});

describe('kind and Taskfile', () => {
  it('kind-config.yaml maps Kourier\'s NodePort 31080 to port 80', () => {
    const config = asObject(parseAllDocuments(readFileSync(join(root, 'kind-config.yaml'), 'utf8'))[0]?.toJS());
    const mappings = asArray(asObject(asArray(config.nodes)[0]).extraPortMappings).map(asObject);
    expect(mappings).toContainEqual(expect.objectContaining({ containerPort: 31080, hostPort: 80 }));
  });

  it('Taskfile.yml documents the cluster tasks', () => {
    const taskfile = asObject(parseAllDocuments(readFileSync(join(root, 'Taskfile.yml'), 'utf8'))[0]?.toJS());
    const tasks = asObject(taskfile.tasks);
    for (const name of ['setup', 'dev', 'test', 'bench', 'build', 'images', 'kind:up', 'deploy', 'smoke', 'logs', 'kind:down']) {
      expect(str(asObject(tasks[name]).desc), `task ${name} needs a desc`).toBeTruthy();
    }
  });
});
