import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { aTask, aTaskCreated, TRACEPARENT } from '#shared/testing/event-fixtures';
import { TEST_APP_API_TOKEN } from '#shared/testing/test-event-path';
import { startTaskKit, type TaskKit } from '../test/task-test-kit';

let kit: TaskKit;
beforeAll(async () => {
  kit = await startTaskKit();
});
afterAll(() => kit.stop());

const SOURCE = '/functions/recurrence';
let users = 0;
/** A user of this test alone, so every test starts from no tasks. */
const aUser = () => `user-${++users}`;

/** The create-task command as a producer sends it (the SDK fills in `time`). */
function aCreateTask(userid: string, data: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const subject = (data.taskId as string | undefined) ?? userid;
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: randomUUID(),
    source: SOURCE,
    type: 'dev.todo.task.create.v1',
    subject,
    datacontenttype: 'application/json',
    partitionkey: subject,
    traceparent: TRACEPARENT,
    userid,
    data,
    ...overrides,
  });
}

interface Answer {
  status: number;
  body: unknown;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Knative (KafkaSource, Trigger) posts binary-mode events to `/events`. */
const knative = {
  name: 'Knative',
  async deliver(event: CloudEvent<unknown>): Promise<Answer> {
    const { headers, body } = HTTP.binary(event);
    const authorization = await kit.eventPath.authorization();
    return answerOf(await kit.app.request('/events', { method: 'POST', headers: { ...(headers as Record<string, string>), authorization }, body: body as string }));
  },
  /** Exactly these attributes as `ce-` headers (`datacontenttype` as the content type), the data as the body. */
  async deliverRaw(attributes: Record<string, string>, data: unknown): Promise<Answer> {
    const headers: Record<string, string> = { authorization: await kit.eventPath.authorization() };
    for (const [name, value] of Object.entries(attributes)) headers[name === 'datacontenttype' ? 'content-type' : `ce-${name}`] = value;
    headers['content-type'] ??= 'application/json';
    return answerOf(await kit.app.request('/events', { method: 'POST', headers, body: JSON.stringify(data) }));
  },
  acked: { status: 202, body: null },
  dropped: (reason: string) => ({ status: 400, body: expect.objectContaining({ title: 'Event Dropped', detail: expect.stringContaining(reason) }) }),
};

/** Dapr pushes structured events to `/dapr/events`, with its own attributes added. */
const dapr = {
  name: 'Dapr',
  async deliver(event: CloudEvent<unknown>): Promise<Answer> {
    const { headers, body } = HTTP.structured(event);
    const envelope = { ...JSON.parse(body as string), topic: 'task-commands', pubsubname: 'pubsub', traceid: TRACEPARENT };
    const sidecar = { 'dapr-api-token': TEST_APP_API_TOKEN };
    return answerOf(await kit.app.request('/dapr/events', { method: 'POST', headers: { ...(headers as Record<string, string>), ...sidecar }, body: JSON.stringify(envelope) }));
  },
  /** Exactly these attributes and the data, structured (as a raw CloudEvent published through Dapr arrives). */
  async deliverRaw(attributes: Record<string, string>, data: unknown): Promise<Answer> {
    const envelope = { ...attributes, data, topic: 'task-commands', pubsubname: 'pubsub' };
    const headers = { 'content-type': 'application/cloudevents+json', 'dapr-api-token': TEST_APP_API_TOKEN };
    return answerOf(await kit.app.request('/dapr/events', { method: 'POST', headers, body: JSON.stringify(envelope) }));
  },
  acked: { status: 200, body: { status: 'SUCCESS' } },
  dropped: (_reason: string) => ({ status: 200, body: { status: 'DROP' } }),
};

const TRANSPORTS = [knative, dapr];

async function tasksOf(userId: string): Promise<Task[]> {
  const response = await kit.call(userId, 'GET', '/tasks?limit=200');
  expect(response.status).toBe(200);
  return response.body.items;
}

async function publishedFor(userId: string) {
  return (await kit.published()).filter((event) => event.userid === userId);
}

async function claimsOf(event: CloudEvent<unknown>): Promise<number> {
  const rows = await kit.sql.unsafe(`select count(*)::int as n from ${kit.schema}.processed_events where source = $1 and id = $2`, [event.source, event.id]);
  return rows[0]!.n as number;
}

describe.each(TRANSPORTS)('the create-task command through $name', (transport) => {
  it('creates one task for the user named in userid and publishes TaskCreated naming the command', async () => {
    const user = aUser();
    const command = aCreateTask(user, { title: 'Water the plants', dueAt: '2026-05-02T09:00:00+02:00', tags: ['home'] });

    expect(await transport.deliver(command)).toEqual(transport.acked);

    const tasks = await tasksOf(user);
    expect(tasks).toEqual([
      expect.objectContaining({ title: 'Water the plants', dueAt: '2026-05-02T07:00:00.000Z', reminders: ['PT0S'], tags: ['home'], priority: 'medium', status: 'pending', version: 1 }),
    ]);
    expect(await publishedFor(user)).toEqual([
      expect.objectContaining({
        type: 'dev.todo.task.created.v1',
        source: '/functions/task',
        subject: tasks[0]!.id,
        userid: user,
        traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-/),
        data: { task: tasks[0], commandId: command.id },
      }),
    ]);
  });

  it('takes a command with only what the CloudEvents spec requires (and userid): subject, time, partition key and trace are derived', async () => {
    const user = aUser();
    const id = randomUUID();
    const minimal = { specversion: '1.0', id, source: 'urn:example:producer', type: 'dev.todo.task.create.v1', userid: user };

    expect(await transport.deliverRaw(minimal, { title: 'From a generic producer' })).toEqual(transport.acked);

    const tasks = await tasksOf(user);
    expect(tasks.map((task) => task.title)).toEqual(['From a generic producer']);
    const [created] = await publishedFor(user);
    expect(created).toMatchObject({ type: 'dev.todo.task.created.v1', data: { commandId: id } });
    expect(created!.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it.each([
    ['a JSON media type with a charset', { datacontenttype: 'application/json; charset=utf-8' }],
    ['an invalid traceparent (a new trace starts)', { traceparent: 'not-a-trace' }],
  ])('takes a command with %s', async (_case, extra) => {
    const user = aUser();
    const attributes = { specversion: '1.0', id: randomUUID(), source: 'urn:example:producer', type: 'dev.todo.task.create.v1', userid: user, ...extra };

    expect(await transport.deliverRaw(attributes, { title: 'Charset and all' })).toEqual(transport.acked);
    expect((await tasksOf(user)).map((task) => task.title)).toEqual(['Charset and all']);
  });

  it('drops a command whose data is not JSON, naming datacontenttype', async () => {
    const user = aUser();
    const attributes = { specversion: '1.0', id: randomUUID(), source: 'urn:example:producer', type: 'dev.todo.task.create.v1', userid: user, datacontenttype: 'application/xml' };

    expect(await transport.deliverRaw(attributes, { title: 'Not JSON' })).toEqual(transport.dropped('datacontenttype'));
    expect(await tasksOf(user)).toEqual([]);
  });

  it('creates exactly one task however often the same command arrives, three times at once and once more later', async () => {
    const user = aUser();
    const command = aCreateTask(user, { title: 'Pay rent' });

    const answers = await Promise.all([1, 2, 3].map(() => transport.deliver(command)));
    const later = await transport.deliver(command);

    expect([...answers, later]).toEqual([transport.acked, transport.acked, transport.acked, transport.acked]);
    expect((await tasksOf(user)).map((task) => task.title)).toEqual(['Pay rent']);
    expect((await publishedFor(user)).map((event) => event.type)).toEqual(['dev.todo.task.created.v1']);
    expect(await claimsOf(command)).toBe(1);
  });

  it('creates the task with the id the command chose', async () => {
    const user = aUser();
    const taskId = randomUUID();

    expect(await transport.deliver(aCreateTask(user, { title: 'Stretch', taskId }))).toEqual(transport.acked);

    expect((await tasksOf(user)).map((task) => task.id)).toEqual([taskId]);
    expect((await kit.call(user, 'GET', `/tasks/${taskId}`)).body).toMatchObject({ id: taskId, title: 'Stretch' });
  });

  it('acknowledges another command for a task id the same user already has, and creates nothing more', async () => {
    const user = aUser();
    const taskId = randomUUID();
    await transport.deliver(aCreateTask(user, { title: 'Stretch', taskId }));

    expect(await transport.deliver(aCreateTask(user, { title: 'Stretch again', taskId }))).toEqual(transport.acked);

    expect((await tasksOf(user)).map((task) => [task.id, task.title, task.version])).toEqual([[taskId, 'Stretch', 1]]);
    expect(await publishedFor(user)).toHaveLength(1);
  });

  it('acknowledges three different commands for one new task id arriving at once, and creates one task', async () => {
    const user = aUser();
    const taskId = randomUUID();

    const answers = await Promise.all(['a', 'b', 'c'].map((title) => transport.deliver(aCreateTask(user, { title, taskId }))));

    expect(answers).toEqual([transport.acked, transport.acked, transport.acked]);
    expect((await tasksOf(user)).map((task) => task.id)).toEqual([taskId]);
    expect(await publishedFor(user)).toHaveLength(1);
  });

  it('drops a command for a task id another user has, leaving that task and the command unrecorded', async () => {
    const owner = aUser();
    const intruder = aUser();
    const { body: theirs } = await kit.call(owner, 'POST', '/tasks', { title: 'Mine', tags: ['private'] });
    const command = aCreateTask(intruder, { title: 'Yours now', taskId: theirs.id });

    expect(await transport.deliver(command)).toEqual(transport.dropped('task id is already taken'));

    expect(await tasksOf(intruder)).toEqual([]);
    expect((await kit.call(owner, 'GET', `/tasks/${theirs.id}`)).body).toEqual(theirs);
    expect(await publishedFor(intruder)).toEqual([]);
    expect(await claimsOf(command)).toBe(0);
  });

  it.each([
    ['a blank title', { title: '   ' }, 'data.title'],
    ['a recurrence without a due time', { title: 'Stretch', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' } }, 'dueAt'],
    ['reminders without a due time', { title: 'Stretch', reminders: ['PT5M'] }, 'reminders'],
    ['an unknown field', { title: 'Stretch', colour: 'red' }, 'colour'],
    ['a task id that is not a uuid', { title: 'Stretch', taskId: 'task-1' }, 'data.taskId'],
  ])('drops a command with %s, naming the reason, and writes nothing', async (_case, data, reason) => {
    const user = aUser();
    const command = aCreateTask(user, data);

    expect(await transport.deliver(command)).toEqual(transport.dropped(reason));

    expect(await tasksOf(user)).toEqual([]);
    expect(await publishedFor(user)).toEqual([]);
    expect(await claimsOf(command)).toBe(0);
  });

  it('drops an event of an unknown type', async () => {
    const user = aUser();

    expect(await transport.deliver(aCreateTask(user, { title: 'Stretch' }, { type: 'dev.todo.task.create.v2' }))).toEqual(transport.dropped('unknown event type'));

    expect(await tasksOf(user)).toEqual([]);
  });

  it('acknowledges a known event it does not act on (TaskCreated) and does nothing', async () => {
    const user = aUser();
    const event = aTaskCreated(aTask({ id: randomUUID() }));
    const before = (await kit.published()).length;

    expect(await transport.deliver(new CloudEvent<unknown>({ ...event, userid: user }))).toEqual(transport.acked);

    expect(await tasksOf(user)).toEqual([]);
    expect((await kit.published()).length).toBe(before);
    expect(await claimsOf(new CloudEvent<unknown>(event))).toBe(0);
  });
});
