import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createKafkaBus } from '#shared/bus/kafka-bus';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { createKafkaSender } from '#shared/bus/kafka-producer';
import type { Task } from '#shared/contracts/task';
import { aTask, aTaskCreated, eventContext, TRACEPARENT } from '#shared/testing/event-fixtures';
import { startOtlpReceiver } from '#shared/testing/otlp-receiver';
import { expectTaskLifeTraced, notificationAudited } from '#shared/testing/task-life-trace';
import { readTopic, root, startBroker, startTestMultiSystem, stopBroker, type TestMultiSystem } from './multi-test-kit';

const log = pino({ level: 'silent' });
let system: TestMultiSystem;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  system = await startTestMultiSystem({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } });
});
afterAll(async () => {
  await system?.stop();
  await receiver?.close();
});

const aUser = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const slow = { timeout: 120_000, interval: 250 };

interface AuditItem {
  eventId: string;
  type: string;
  taskId: string | null;
}

async function auditOf(userId: string): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await system.call(userId, 'GET', `/audit?order=asc&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  }
  return items;
}

const created = (items: AuditItem[]) => items.filter((item) => item.type === 'dev.todo.task.created.v1');

async function createTask(userId: string, fields: Record<string, unknown>): Promise<Task> {
  const answer = await system.call(userId, 'POST', '/tasks', fields);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Task;
}

describe('the multi-process system over a real Kafka broker', () => {
  it('carries a recurring task with a due time through every function: audit, reminder, notification, recurrence', async () => {
    const user = aUser('alice');
    const dueAt = new Date(Date.now() + 8_000);
    dueAt.setUTCMilliseconds(0);
    const answer = await system.call(user, 'POST', '/tasks', { title: 'Water the plants', dueAt: dueAt.toISOString(), recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const task = answer.body as Task;

    await vi.waitFor(async () => expect(created(await auditOf(user)).map((item) => item.taskId)).toEqual([task.id]), slow);

    await vi.waitFor(async () => {
      const inbox = await system.call(user, 'GET', `/notifications/${user}?channel=in-app`);
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([expect.objectContaining({ taskId: task.id, title: expect.stringContaining('Water the plants') })]);
    }, slow);
    expect((await system.call(aUser('bob'), 'GET', `/notifications/${user}`)).status).toBe(404);

    expect((await system.call(user, 'POST', `/tasks/${task.id}/complete`)).status).toBe(200);
    await vi.waitFor(async () => {
      const list = await system.call(user, 'GET', '/tasks?status=pending');
      const next = (list.body.items as Task[]).filter((item) => item.series?.id === task.id);
      expect(next).toEqual([expect.objectContaining({ title: 'Water the plants', dueAt: new Date(dueAt.getTime() + 86_400_000).toISOString(), series: { id: task.id, index: 2 } })]);
    }, slow);
    await vi.waitFor(async () => {
      const types = (await auditOf(user)).map((item) => item.type);
      expect(types).toEqual(expect.arrayContaining(['dev.todo.task.created.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.notification.sent.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.create.v1']));
    }, slow);

    // One task's life across the task, reminder, notification and audit processes, as their OTLP exports show it.
    await vi.waitFor(() => expect(notificationAudited(receiver.spans)).toBe(true), slow);
    expectTaskLifeTraced(receiver.spans, answer.headers.get('traceparent')!, (consumer) => consumer);
  });

  it('commits changes while the broker is down and publishes every event once, in order, when it returns', async () => {
    const user = aUser('carol');
    stopBroker();
    let tasks: Task[];
    try {
      await vi.waitFor(async () => expect((await fetch(`${system.functionUrl('task')}/ready`)).status).toBe(503), slow);
      tasks = [];
      for (let index = 0; index < 5; index++) tasks.push(await createTask(user, { title: `Written while Kafka is down ${index}` }));
      expect((await system.call(user, 'PUT', `/tasks/${tasks[0]!.id}`, { priority: 'high' })).status).toBe(200);
      expect((await system.call(user, 'POST', `/tasks/${tasks[0]!.id}/complete`)).status).toBe(200);
    } finally {
      startBroker();
    }

    await vi.waitFor(async () => {
      const items = await auditOf(user);
      expect(created(items).map((item) => item.taskId).sort()).toEqual(tasks.map((task) => task.id).sort());
      expect(items.filter((item) => item.taskId === tasks[0]!.id).map((item) => item.type)).toEqual(['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1']);
    }, slow);

    const records = await readTopic(system.brokers, 'task-events', (record) => record.key === tasks[0]!.id, (kept) => kept.length >= 3);
    expect(records.map((record) => record.headers['ce_type'])).toEqual(['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1']);
    // The bus's own readiness follows the broker on its next check: a state that settles, waited for.
    await vi.waitFor(async () => expect((await fetch(`${system.functionUrl('task')}/ready`)).status).toBe(200), slow);
  });

  it.each(['audit', 'dispatcher'] as const)('loses nothing and applies nothing twice when the %s process is killed in the middle of a burst', async (victim) => {
    const user = aUser(`dave-${victim}`);
    const total = 120;
    const tasks: Task[] = [];
    let next = 0;
    const creator = async () => {
      while (next < total) tasks.push(await createTask(user, { title: `Burst ${next++}`, tags: ['burst'] }));
    };
    const burst = Promise.all([creator(), creator(), creator(), creator()]);
    await vi.waitFor(async () => expect(created(await auditOf(user)).length).toBeGreaterThanOrEqual(10), slow);
    const process = victim === 'audit' ? system.functions.audit : system.dispatcher;
    await process.stop('SIGKILL');
    const createdBeforeRestart = tasks.length;
    await process.start();
    await burst;
    expect(createdBeforeRestart, 'the kill came before the burst ended').toBeLessThan(total);

    await vi.waitFor(async () => expect(created(await auditOf(user)).length).toBe(total), slow);
    const items = created(await auditOf(user));
    expect(new Set(items.map((item) => item.eventId)).size).toBe(total);
    expect(items.map((item) => item.taskId).sort()).toEqual(tasks.map((task) => task.id).sort());
    expect((await system.call(user, 'GET', '/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('sends a malformed record to the dead-letter topics and keeps its partition flowing', async () => {
    const user = aUser('erin');
    const key = randomUUID();
    const kafka = createKafkaClient({ brokers: system.brokers, clientId: 'test-producer', log });
    const sender = createKafkaSender(kafka);
    const bus = createKafkaBus({ brokers: system.brokers, consume: 'http', clientId: 'test-producer', log });
    try {
      await sender.send([{ topic: 'task-events', messages: [{ key, value: 'this is not a CloudEvent', headers: { origin: 'test' } }] }]);
      const valid = aTaskCreated(aTask({ id: key, title: 'After the poison' }), eventContext({ userId: user, newId: randomUUID, now: new Date(), traceparent: TRACEPARENT }));
      await bus.publish([valid]);

      await vi.waitFor(async () => expect(created(await auditOf(user)).map((item) => item.eventId)).toEqual([valid.id]), slow);
      const [deadLetter] = await readTopic(system.brokers, 'audit-dead-letter', (record) => record.key === key, (kept) => kept.length >= 1);
      expect(deadLetter!.value).toBe('this is not a CloudEvent');
      expect(deadLetter!.headers).toMatchObject({
        origin: 'test',
        'dead-letter-consumer': 'audit',
        'dead-letter-original-topic': 'task-events',
        'dead-letter-attempts': '1',
        'dead-letter-reason': expect.stringContaining('dev.knative.kafka.event'),
      });
      expect(Number(deadLetter!.headers['dead-letter-original-partition'])).toBeGreaterThanOrEqual(0);
      expect(Number(deadLetter!.headers['dead-letter-original-offset'])).toBeGreaterThanOrEqual(0);
      for (const consumer of ['reminder', 'recurrence', 'chat']) {
        const records = await readTopic(system.brokers, `${consumer}-dead-letter`, (record) => record.key === key, (kept) => kept.length >= 1);
        expect(records[0]!.headers['dead-letter-consumer']).toBe(consumer);
      }
    } finally {
      await bus.close();
      await sender.close();
    }
  });

  it("takes create-task commands from Kafka's own console producer, as a generic CloudEvents producer writes them", async () => {
    const user = aUser('frank');
    const structured = JSON.stringify({ specversion: '1.0', id: randomUUID(), source: '/console', type: 'dev.todo.task.create.v1', userid: user, data: { title: 'Structured from the console' } });
    const binaryHeaders = ['content-type=application/json; charset=utf-8', 'ce_specversion=1.0', `ce_id=${randomUUID()}`, 'ce_source=/console', 'ce_type=dev.todo.task.create.v1', `ce_userid=${user}`];
    const lines = [`content-type=application/cloudevents+json\t${structured}`, `${binaryHeaders.join(',')}\t${JSON.stringify({ title: 'Binary from the console' })}`];
    execFileSync('bash', ['scripts/kafka.sh', 'produce', 'task-commands', '--reader-property', 'parse.headers=true', '--reader-property', 'headers.key.separator=='], {
      cwd: root,
      env: { ...process.env, KAFKA_PORT: inject('kafkaPort') },
      input: `${lines.join('\n')}\n`,
      timeout: 120_000,
    });

    await vi.waitFor(async () => {
      const titles = ((await system.call(user, 'GET', '/tasks')).body.items as Task[]).map((task) => task.title).sort();
      expect(titles).toEqual(['Binary from the console', 'Structured from the console']);
    }, slow);
  });
});
