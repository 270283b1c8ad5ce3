import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '#shared/db/migrate';
import type { EventType } from '#shared/events/catalog';
import { mountEventRoutes } from '#shared/events/http-event-routes';
import { TOPICS } from '#shared/events/topics';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { appClient } from '#shared/testing/app-client';
import { aTask, TRACEPARENT } from '#shared/testing/event-fixtures';
import { testAuth } from '#shared/testing/test-auth';
import { testClock } from '#shared/testing/test-clock';
import { testSql, uniqueSchema } from '#shared/testing/test-database';
import { testEventPath } from '#shared/testing/test-event-path';
import { createStatsFunction } from './stats-function';
import { statsMigrations } from './stats-schema';

const auth = testAuth();
const sql = testSql();
const schema = uniqueSchema('stats');
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const clock = testClock('2026-05-03T10:00:00Z');
const parts = createStatsFunction({ sql, schema, clock: clock.now, authenticate: auth.authenticate, log });
const app = createHttpApp({ log, metrics: createMetrics('stats-test'), maxBodyBytes: 64 * 1024 });
app.route('/', parts.routes as unknown as Hono);
let client: ReturnType<typeof appClient>;

beforeAll(async () => {
  await migrate(sql, statsMigrations(schema));
  const eventPath = await testEventPath(auth.authenticate);
  mountEventRoutes(app, parts.consumer, { log, pubsubName: 'pubsub', senders: eventPath.senders, metrics: createMetrics('stats-test-events') });
  client = appClient(app, auth.tokenFor, eventPath.authorization);
});
afterAll(async () => {
  await sql`drop schema ${sql(schema)} cascade`;
  await sql.end();
});

let users = 0;
/** A user of one test alone, so each test starts from no counts. */
const aUser = () => `stats-user-${++users}`;

/** An event as its producer publishes it: `type` for `userid` at `time`. */
function anEvent(type: EventType, userid: string, time: string, id: string = randomUUID()) {
  const task = aTask({ id: randomUUID() });
  const reminder = { reminderId: `${task.id}:PT0S`, taskId: task.id, title: task.title, remindAt: time, dueAt: time };
  const data: Partial<Record<EventType, unknown>> = {
    'dev.todo.task.created.v1': { task, commandId: null },
    'dev.todo.task.updated.v1': { task: { ...task, title: 'Water the roses', version: 2 }, changed: ['title'] },
    'dev.todo.task.completed.v1': { task: { ...task, status: 'completed', completedAt: time } },
    'dev.todo.task.deleted.v1': { task },
    'dev.todo.reminder.scheduled.v1': reminder,
    'dev.todo.reminder.delivered.v1': { ...reminder, deliveredAt: time, late: false },
  };
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id,
    source: type.startsWith('dev.todo.reminder.') ? '/functions/reminder' : '/functions/task',
    type,
    subject: task.id,
    time,
    datacontenttype: 'application/json',
    partitionkey: task.id,
    traceparent: TRACEPARENT,
    userid,
    data: data[type],
  });
}

/** Delivers each event to `POST /events` as Knative does; each must be acknowledged. */
async function deliver(...events: CloudEvent<unknown>[]) {
  for (const event of events) expect(await client.deliver(event)).toEqual({ status: 202, body: null });
}

const stats = (userId: string | null, query = '') => client.call(userId, 'GET', `/stats${query}`);
const zeroDay = (date: string) => ({ date, created: 0, completed: 0, deleted: 0, remindersDelivered: 0 });

describe('the stats subscription', () => {
  it('reads task-events and reminder-events for the four counted types, with its own dead-letter topic', async () => {
    expect(parts.consumer.name).toBe('stats');
    expect([...parts.consumer.topics].sort()).toEqual([TOPICS.reminderEvents, TOPICS.taskEvents].sort());
    expect([...parts.consumer.types].sort()).toEqual(['dev.todo.reminder.delivered.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.created.v1', 'dev.todo.task.deleted.v1']);
    const subscriptions = (await (await app.request('/dapr/subscribe')).json()) as { topic: string; deadLetterTopic: string }[];
    expect(subscriptions.map((s) => s.topic).sort()).toEqual([TOPICS.reminderEvents, TOPICS.taskEvents].sort());
    expect(new Set(subscriptions.map((s) => s.deadLetterTopic))).toEqual(new Set(['stats-dead-letter']));
  });
});

describe('counting delivered events', () => {
  it('counts each type on the UTC day of its time, and GET /stats answers the last 7 days by default', async () => {
    const alice = aUser();
    await deliver(
      anEvent('dev.todo.task.created.v1', alice, '2026-05-01T09:00:00Z'),
      anEvent('dev.todo.task.created.v1', alice, '2026-05-01T23:30:00-02:00'), // 2026-05-02 01:30 UTC
      anEvent('dev.todo.task.completed.v1', alice, '2026-05-02T08:00:00Z'),
      anEvent('dev.todo.reminder.delivered.v1', alice, '2026-05-02T08:05:00Z'),
      anEvent('dev.todo.reminder.delivered.v1', alice, '2026-05-03T07:00:00Z'),
      anEvent('dev.todo.task.deleted.v1', alice, '2026-05-03T09:59:59Z'),
    );

    const answer = await stats(alice);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      days: [
        zeroDay('2026-04-27'),
        zeroDay('2026-04-28'),
        zeroDay('2026-04-29'),
        zeroDay('2026-04-30'),
        { date: '2026-05-01', created: 1, completed: 0, deleted: 0, remindersDelivered: 0 },
        { date: '2026-05-02', created: 1, completed: 1, deleted: 0, remindersDelivered: 1 },
        { date: '2026-05-03', created: 0, completed: 0, deleted: 1, remindersDelivered: 1 },
      ],
      totals: { created: 2, completed: 1, deleted: 1, remindersDelivered: 2 },
    });
  });

  it('counts a redelivered event once, and one delivered again after others too', async () => {
    const alice = aUser();
    const created = anEvent('dev.todo.task.created.v1', alice, '2026-05-02T09:00:00Z');
    const delivered = anEvent('dev.todo.reminder.delivered.v1', alice, '2026-05-02T09:30:00Z');
    await deliver(created, created, delivered, created, delivered);

    const answer = await stats(alice, '?from=2026-05-02&to=2026-05-02');
    expect(answer.body).toEqual({
      days: [{ date: '2026-05-02', created: 1, completed: 0, deleted: 0, remindersDelivered: 1 }],
      totals: { created: 1, completed: 0, deleted: 0, remindersDelivered: 1 },
    });
  });

  it('counts the same id from another source as another event', async () => {
    const alice = aUser();
    const id = randomUUID();
    await deliver(anEvent('dev.todo.task.created.v1', alice, '2026-05-02T09:00:00Z', id), anEvent('dev.todo.reminder.delivered.v1', alice, '2026-05-02T09:00:00Z', id));
    expect((await stats(alice, '?from=2026-05-02&to=2026-05-02')).body.totals).toEqual({ created: 1, completed: 0, deleted: 0, remindersDelivered: 1 });
  });

  it("answers the caller's own counts only, never another user's", async () => {
    const [alice, bob] = [aUser(), aUser()];
    await deliver(
      anEvent('dev.todo.task.created.v1', alice, '2026-05-02T09:00:00Z'),
      anEvent('dev.todo.task.created.v1', bob, '2026-05-02T09:00:00Z'),
      anEvent('dev.todo.task.created.v1', bob, '2026-05-02T10:00:00Z'),
      anEvent('dev.todo.task.completed.v1', bob, '2026-05-02T11:00:00Z'),
    );

    expect((await stats(alice, '?from=2026-05-02&to=2026-05-02')).body.totals).toEqual({ created: 1, completed: 0, deleted: 0, remindersDelivered: 0 });
    expect((await stats(bob, '?from=2026-05-02&to=2026-05-02')).body.totals).toEqual({ created: 2, completed: 1, deleted: 0, remindersDelivered: 0 });
    expect((await stats(aUser(), '?from=2026-05-02&to=2026-05-02')).body).toEqual({ days: [zeroDay('2026-05-02')], totals: { created: 0, completed: 0, deleted: 0, remindersDelivered: 0 } });
  });

  it('acknowledges the other types on its topics and counts nothing for them', async () => {
    const alice = aUser();
    await deliver(anEvent('dev.todo.task.updated.v1', alice, '2026-05-02T09:00:00Z'), anEvent('dev.todo.reminder.scheduled.v1', alice, '2026-05-02T09:00:00Z'));
    expect((await stats(alice, '?from=2026-05-02&to=2026-05-02')).body.totals).toEqual({ created: 0, completed: 0, deleted: 0, remindersDelivered: 0 });
  });

  it('keeps the counts of 366 days and answers them in one range', async () => {
    const alice = aUser();
    await deliver(anEvent('dev.todo.task.created.v1', alice, '2024-01-01T00:00:00Z'), anEvent('dev.todo.task.completed.v1', alice, '2024-12-31T23:59:59.999Z'));
    const answer = await stats(alice, '?from=2024-01-01&to=2024-12-31');
    expect(answer.status).toBe(200);
    expect(answer.body.days).toHaveLength(366);
    expect(answer.body.days[0]).toEqual({ date: '2024-01-01', created: 1, completed: 0, deleted: 0, remindersDelivered: 0 });
    expect(answer.body.days[365]).toEqual({ date: '2024-12-31', created: 0, completed: 1, deleted: 0, remindersDelivered: 0 });
  });
});

describe('GET /stats', () => {
  it('moves its default range with today (UTC)', async () => {
    const alice = aUser();
    await deliver(anEvent('dev.todo.task.created.v1', alice, '2026-05-03T10:00:00Z'));
    clock.set('2026-05-09T23:59:59Z');
    try {
      const answer = await stats(alice);
      expect(answer.body.days.map((day: { date: string }) => day.date)).toEqual(['2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09']);
      expect(answer.body.totals.created).toBe(1);
      clock.set('2026-05-10T00:00:00Z');
      expect((await stats(alice)).body.totals.created).toBe(0);
    } finally {
      clock.set('2026-05-03T10:00:00Z');
    }
  });

  it('asks for a bearer token', async () => {
    const answer = await stats(null);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['?from=2026-02-30', 'from'],
    ['?to=2026-05-01T00:00:00Z', 'to'],
    ['?from=yesterday', 'from'],
    ['?from=2026-05-01&from=2026-05-02', 'from'],
    ['?day=2026-05-01', 'day'],
    ['?from=2026-05-03&to=2026-05-02', 'to'],
    ['?from=2025-05-01&to=2026-05-02', 'from'],
  ])('refuses %s with a 422 problem naming %s', async (query, field) => {
    const answer = await stats(aUser(), query);
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ type: 'about:blank', title: 'Unprocessable Content', status: 422, instance: '/stats' });
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });
});
