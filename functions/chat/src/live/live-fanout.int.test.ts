import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEvent, HTTP } from 'cloudevents';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import type { AnyEvent } from '#shared/events/catalog';
import { newEvent } from '#shared/events/new-event';
import { createAuthenticator } from '#shared/http/auth';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { aTask, eventContext } from '#shared/testing/event-fixtures';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import { testEventPath } from '#shared/testing/test-event-path';
import { chatTestEnv, SECRET } from '../../test/chat-test-kit';
import { chatModule } from '../chat-module';
import { chooseLiveFanout } from './choose-fanout';
import { readEvents } from '../../test/live/sse-reader';
import { createUserHub } from './user-hub';

const onServer = process.env.TEST_DATABASE === 'server';
const SKIPPED =
  ' — skipped: needs TEST_DATABASE=server (the embedded Postgres does not deliver NOTIFY between connections and serves one process; its in-process path is live-stream.int.test.ts)';

describe('choosing the live fan-out', () => {
  const given = (setting: 'auto' | 'postgres', databaseUrl: string | undefined) => {
    const sql = testSql();
    const fanout = chooseLiveFanout({ setting, databaseUrl, sql, schema: 'chat', hub: createUserHub(), log: pino({ level: 'silent' }) });
    return { fanout, end: () => sql.end() };
  };

  it(`is ${onServer ? 'LISTEN/NOTIFY on the Postgres server' : 'in-process on the embedded Postgres'} when left to itself`, async () => {
    const { fanout, end } = given('auto', inject('databaseUrl'));
    expect(await fanout.mode()).toBe(onServer ? 'postgres' : 'in-process');
    await end();
  });

  it('is in-process without DATABASE_URL, and refuses LISTEN/NOTIFY there', async () => {
    const auto = given('auto', undefined);
    expect(await auto.fanout.mode()).toBe('in-process');
    await auto.end();
    const forced = given('postgres', undefined);
    await expect(forced.fanout.mode()).rejects.toThrow('LIVE_FANOUT=postgres needs DATABASE_URL');
    await forced.end();
  });
});

describe.skipIf(!onServer)(`two chat instances on one Postgres server${onServer ? '' : SKIPPED}`, () => {
  const schema = uniqueSchema('chat');
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-fanout-'));
  const instances: RunningSystem[] = [];
  const streams: ReturnType<typeof readEvents>[] = [];
  let a: RunningSystem;
  let b: RunningSystem;

  const eventPath = testEventPath(createAuthenticator({ issuer: 'todo-local', audience: 'todo', secret: SECRET }));
  const keys = eventPath.then((path) => path.serveKeys());

  async function startInstance(name: string) {
    const env = chatTestEnv(dataDir, { SERVICE_NAME: name, ...(await keys).env });
    const instance = await startSystem({ env, modules: [{ ...chatModule, schema }], handleSignals: false });
    instances.push(instance);
    return instance;
  }

  /** A page's live stream on an instance, once it is `ready`; its ticket comes from the other instance, as a page behind a load balancer may get it. */
  async function openPage(instance: RunningSystem, userId: string) {
    const token = await issueToken({ userId, secret: SECRET, issuer: 'todo-local', audience: 'todo' });
    const issuer = instance === a ? b : a;
    const issued = await fetch(`${issuer.url}/stream/tickets`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { ticket } = (await issued.json()) as { ticket: string };
    const stream = readEvents(await fetch(`${instance.url}/stream?ticket=${ticket}`));
    streams.push(stream);
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  }

  /** Delivers an event to an instance's `POST /events` as a KafkaSource does (binary mode). */
  async function deliver(instance: RunningSystem, event: AnyEvent) {
    const { headers, body } = HTTP.binary(new CloudEvent<unknown>(event));
    const authorization = await (await eventPath).authorization();
    const response = await fetch(`${instance.url}/events`, { method: 'POST', headers: { ...(headers as Record<string, string>), authorization }, body: body as string });
    return response.status;
  }

  const context = (userId: string, source = '/functions/task') => eventContext({ userId, source, newId: uuidv7, now: new Date() });
  const created = (userId: string, task: Task) => newEvent('dev.todo.task.created.v1', context(userId), { subject: task.id, data: { task, commandId: null } });
  const updated = (userId: string, task: Task) => newEvent('dev.todo.task.updated.v1', context(userId), { subject: task.id, data: { task, changed: ['title'] } });
  const taskEventIds = (stream: ReturnType<typeof readEvents>) => stream.events.filter((e) => e.event === 'task').map((e) => e.id);

  beforeAll(async () => {
    a = await startInstance('chat-a');
    b = await startInstance('chat-b');
  });
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.cancel()));
    await Promise.all(instances.map((instance) => instance.stop()));
    await (await keys).close();
    const sql = testSql();
    await sql.unsafe(`drop schema if exists ${schema} cascade`);
    await sql.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings an event delivered to one instance to the user\'s pages on both, once, and to no other user', async () => {
    const aliceOnB = await openPage(b, 'alice');
    const aliceOnA = await openPage(a, 'alice');
    const bobOnB = await openPage(b, 'bob');
    const task = aTask({ id: uuidv7(), title: 'Seen on every instance' });
    const first = created('alice', task);

    expect(await deliver(a, first)).toBe(202);
    const received = await aliceOnB.waitFor((e) => e.event === 'task');
    expect(JSON.parse(received.data)).toMatchObject({ change: 'created', task: { id: task.id, title: 'Seen on every instance' } });

    // Kafka delivers it again, to each instance; then a later event marks the end of what those could cause.
    expect(await deliver(a, first)).toBe(202);
    expect(await deliver(b, first)).toBe(202);
    const marker = updated('alice', { ...task, title: 'Renamed', version: 2 });
    expect(await deliver(b, marker)).toBe(202);
    await aliceOnB.waitFor((e) => e.id === marker.id);
    await aliceOnA.waitFor((e) => e.id === marker.id);

    expect(taskEventIds(aliceOnB)).toEqual([first.id, marker.id]);
    expect(taskEventIds(aliceOnA)).toEqual([first.id, marker.id]);
    expect(bobOnB.events.map((e) => e.event)).toEqual(['ready']);
  });

  it('recognises a redelivery on an instance that started after the first delivery', async () => {
    const task = aTask({ id: uuidv7(), title: 'Delivered before C started' });
    const first = created('carol', task);
    expect(await deliver(a, first)).toBe(202);
    const c = await startInstance('chat-c');
    const carolOnC = await openPage(c, 'carol');

    expect(await deliver(c, first)).toBe(202);
    const marker = updated('carol', { ...task, title: 'After the redelivery', version: 2 });
    expect(await deliver(c, marker)).toBe(202);
    await carolOnC.waitFor((e) => e.id === marker.id);
    expect(taskEventIds(carolOnC)).toEqual([marker.id]);
  });

  it('keeps one user\'s order when consecutive events arrive at alternating instances', async () => {
    const page = await openPage(b, 'dave');
    const task = aTask({ id: uuidv7(), title: 'v1' });
    const events = [created('dave', task), ...Array.from({ length: 11 }, (_, i) => updated('dave', { ...task, title: `v${i + 2}`, version: i + 2 }))];
    for (const [index, event] of events.entries()) expect(await deliver(index % 2 === 0 ? a : b, event)).toBe(202);

    await page.waitFor((e) => e.id === events.at(-1)!.id);
    expect(page.events.filter((e) => e.event === 'task').map((e) => JSON.parse(e.data).task.title)).toEqual(events.map((_, i) => `v${i + 1}`));
  });

  it('carries a task far larger than a NOTIFY payload (8000 bytes) whole', async () => {
    const page = await openPage(b, 'erin');
    const words = 'Grüße aus Köln — ünïcödé 😀 ';
    const description = words.repeat(Math.floor(10_000 / words.length));
    const event = created('erin', aTask({ id: uuidv7(), title: 'T'.repeat(300), description, tags: ['x'.repeat(40)] }));
    expect(await deliver(a, event)).toBe(202);

    const received = await page.waitFor((e) => e.id === event.id);
    expect(Buffer.byteLength(received.data)).toBeGreaterThan(8_000);
    expect(JSON.parse(received.data).task.description).toBe(description);
  });

  it('brings notifications to the pages on the other instance', async () => {
    const page = await openPage(b, 'frank');
    const taskId = uuidv7();
    const sent = newEvent('dev.todo.notification.sent.v1', context('frank', '/functions/notification'), {
      subject: taskId,
      data: { notificationId: uuidv7(), channel: 'in-app', taskId, reminderId: 'r-1', title: 'Pay rent' },
    });
    expect(await deliver(a, sent)).toBe(202);

    const received = await page.waitFor((e) => e.event === 'notification');
    expect(JSON.parse(received.data)).toMatchObject({ status: 'sent', channel: 'in-app', taskId, title: 'Pay rent' });
  });

  it('ends the open pages of an instance that lost its LISTEN connection, which then receive again after reconnecting', async () => {
    const before = await openPage(b, 'grace');
    const sql = testSql();
    const terminated = await sql`select pg_terminate_backend(pid) as done from pg_stat_activity where query = ${`listen "${schema}_live"`}`;
    await sql.end();
    expect(terminated.length).toBeGreaterThanOrEqual(2);

    await before.done;
    const after = await openPage(b, 'grace');
    const event = created('grace', aTask({ id: uuidv7(), title: 'After the reconnect' }));
    expect(await deliver(a, event)).toBe(202);
    await after.waitFor((e) => e.id === event.id);
  });
});
