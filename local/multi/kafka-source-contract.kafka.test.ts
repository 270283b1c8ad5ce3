import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP, Kafka as KafkaBinding, type KafkaMessage } from 'cloudevents';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, type KafkaBus } from '#shared/bus/kafka-bus';
import { recordToHttp } from '#shared/bus/kafka-record';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import { createAuthenticator } from '#shared/http/auth';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { readTopic } from '#shared/testing/kafka-test-kit';
import { testEventPath } from '#shared/testing/test-event-path';
import { auditModule } from '../../functions/audit/src/audit-module';

// The cluster's producing path (knative/README.md): functions write binary-mode records with kafkajs and
// KafkaSource turns them back into CloudEvents. The official SDK's Kafka binding plays KafkaSource's decoder.

const log = pino({ level: 'silent' });
const brokers = () => parseKafkaUrl(inject('kafkaUrl')).brokers;

describe('publishing in the CloudEvents Kafka binding, read back as KafkaSource reads it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-source-'));
  const secret = 'kafka-source-contract-secret-0123456789';
  let audit: RunningSystem;
  let bus: KafkaBus;
  const eventPath = testEventPath(createAuthenticator({ issuer: 'todo-local', audience: 'todo', secret }));
  let keys: Awaited<ReturnType<Awaited<typeof eventPath>['serveKeys']>>;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: brokers(), consume: 'http', clientId: 'contract-test', log });
    keys = await (await eventPath).serveKeys();
    audit = await startSystem({
      env: { SERVICE_NAME: 'audit', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret, DATABASE_URL: inject('databaseUrl'), ...keys.env },
      modules: [auditModule],
      handleSignals: false,
    });
  });
  afterAll(async () => {
    await bus?.close();
    await audit?.stop();
    await keys?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('decodes our record with the SDK as the same event, delivers it in binary mode and the function acts on it', async () => {
    const user = `contract-${randomUUID().slice(0, 8)}`;
    const event = aTaskCreated(aTask({ id: randomUUID() }), eventContext({ userId: user, newId: randomUUID, now: new Date() }));
    await bus.publish([event]);

    const [record] = await readTopic(brokers(), 'task-events', (candidate) => candidate.headers['ce_id'] === event.id, (kept) => kept.length === 1);
    expect(record!.key).toBe(event.partitionkey);
    expect(record!.headers['content-type']).toBe('application/json');
    const message = { key: record!.key, value: record!.value, headers: record!.headers, body: record!.value } as KafkaMessage;
    expect(KafkaBinding.isEvent(message)).toBe(true);
    const decoded = KafkaBinding.toEvent(message);
    if (Array.isArray(decoded)) throw new Error('a batch');
    expect(decoded.type).toBe('dev.todo.task.created.v1');
    const { data, ...attributes } = event;
    expect(decoded).toMatchObject({ ...attributes, time: new Date(event.time).toISOString() });
    expect(decoded.data).toEqual(data);

    const delivery = HTTP.binary(decoded);
    const answer = await fetch(`${audit.url}/events`, {
      method: 'POST',
      headers: { ...(delivery.headers as Record<string, string>), authorization: await (await eventPath).authorization() },
      body: typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body),
    });
    expect(answer.status).toBe(202);
    const token = await issueToken({ userId: user, secret, issuer: 'todo-local', audience: 'todo' });
    const history = (await (await fetch(`${audit.url}/audit`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(history.items).toEqual([expect.objectContaining({ eventId: event.id, type: 'dev.todo.task.created.v1', taskId: event.subject })]);
  });

  it('is not the record KafkaSource would wrap as dev.knative.kafka.event, as it wraps one without ce_ headers', () => {
    const daprLike = { topic: 'task-events', partition: 3, offset: '42', key: Buffer.from('k'), value: Buffer.from('{"specversion":"1.0"}'), headers: { pubsubName: Buffer.from('pubsub') }, timestamp: '0' };
    expect(KafkaBinding.isEvent({ key: 'k', value: '{}', headers: { pubsubname: 'pubsub' }, body: '{}' } as KafkaMessage)).toBeFalsy();
    const wrapped = recordToHttp(daprLike, { namespace: 'todo', sourceName: 'audit' });
    expect(wrapped.headers).toMatchObject({ 'ce-type': 'dev.knative.kafka.event', 'ce-id': 'partition:3/offset:42', 'ce-source': '/apis/v1/namespaces/todo/kafkasources/audit#task-events', 'ce-kafkaheaderpubsubname': 'pubsub' });
    const ours = recordToHttp({ ...daprLike, headers: { 'content-type': Buffer.from('application/json'), ce_specversion: Buffer.from('1.0'), ce_id: Buffer.from('e-1'), ce_type: Buffer.from('dev.todo.task.created.v1') } }, { namespace: 'todo', sourceName: 'audit' });
    expect(ours.headers).toEqual({ 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': 'e-1', 'ce-type': 'dev.todo.task.created.v1' });
  });
});
