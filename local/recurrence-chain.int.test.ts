import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { localModules } from './modules';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-recurrence-'));
const secret = 'recurrence-chain-test-secret-0123456789';
const WEEKDAYS_BERLIN = { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' };
let system: RunningSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem({
    env: { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret },
    modules: localModules,
    handleSignals: false,
  });
  for (const user of ['alice', 'bob']) tokens[user] = await issueToken({ userId: user, secret, issuer: 'todo-local', audience: 'todo' });
});
afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = Task>(method: string, path: string, body?: unknown, user = 'alice'): Promise<{ status: number; body: T }> {
  const headers = { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' };
  const response = await fetch(`${system.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Waits until every outbox is drained and the events they caused are handled. */
async function settled(): Promise<void> {
  for (let round = 0; round < 4; round++) {
    await Promise.all(system.relays.map((relay) => relay.idle()));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seriesOf = async (seriesId: string): Promise<Task[]> => {
  const { body } = await call<{ items: Task[] }>('GET', '/tasks?limit=200');
  return body.items.filter((task) => task.series?.id === seriesId).sort((a, b) => a.series!.index - b.series!.index);
};

const create = async (body: unknown) => {
  const created = await call('POST', '/tasks', body);
  expect(created.status).toBe(201);
  return created.body;
};

/** The local date and time of an instant in a zone, read by Intl. */
const localTime = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

interface AuditItem {
  sequence: number;
  type: string;
  taskId: string | null;
}

describe('completing a recurring task over HTTP', () => {
  it('is followed by exactly one next task at 09:00 Berlin across the switch to summer time, however often it is completed', async () => {
    // Friday 27 March 2099, 09:00 CET; summer time starts on Sunday the 29th
    const first = await create({ title: 'Stand-up notes', priority: 'high', tags: ['work'], dueAt: '2099-03-27T09:00:00+01:00', reminders: ['PT15M'], recurrence: WEEKDAYS_BERLIN });
    expect(first.series).toEqual({ id: first.id, index: 1 });

    expect((await call('POST', `/tasks/${first.id}/complete`)).status).toBe(200);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);

    await call('POST', `/tasks/${first.id}/complete`);
    await call('PUT', `/tasks/${first.id}`, { status: 'pending' });
    await call('POST', `/tasks/${first.id}/complete`);
    await settled();

    const series = await seriesOf(first.id);
    expect(series).toHaveLength(2);
    expect(series[1]).toMatchObject({
      title: 'Stand-up notes',
      status: 'pending',
      priority: 'high',
      tags: ['work'],
      reminders: ['PT15M'],
      recurrence: WEEKDAYS_BERLIN,
      dueAt: '2099-03-30T07:00:00.000Z', // Monday 09:00 CEST
      series: { id: first.id, index: 2 },
    });
  });

  it('keeps the wall clock of a first due time that the spring-forward gap skips (02:30 Berlin, 29 March 2099)', async () => {
    // 02:30 does not exist that night: the task is due at 03:30 CEST (RFC 5545 reads it with the offset before the gap)
    const first = await create({ title: 'Night backup', dueAt: '2099-03-29T02:30:00+01:00', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin', localStart: '2000-01-01T00:00:00' } });
    expect(first.dueAt).toBe('2099-03-29T01:30:00.000Z');
    expect(first.recurrence).toEqual({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin', localStart: '2099-03-29T02:30:00' });

    await call('POST', `/tasks/${first.id}/complete`);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);
    const next = (await seriesOf(first.id))[1]!;
    expect(localTime(next.dueAt!, 'Europe/Berlin')).toBe('2099-03-30, 02:30');
    expect(next.recurrence).toEqual({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' });

    // A due time that exists carries no wall clock of its own, whatever the client sends.
    const plain = await create({ title: 'Morning backup', dueAt: '2099-03-29T03:30:00+02:00', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin', localStart: '2099-03-29T02:30:00' } });
    expect(plain.recurrence).toEqual({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' });
    // Moving the gap task to a time that exists drops its wall clock; the series follows the new time.
    const moved = await call('PUT', `/tasks/${next.id}`, { dueAt: '2099-03-31T05:00:00+02:00' });
    expect(moved.body.recurrence).toEqual({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' });
  });

  it('stops a COUNT=2 series after its second task', async () => {
    const first = await create({ title: 'Take the antibiotics', dueAt: '2099-05-01T09:00:00+02:00', recurrence: { rrule: 'FREQ=DAILY;COUNT=2', timezone: 'Europe/Berlin' } });
    await call('POST', `/tasks/${first.id}/complete`);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);

    const second = (await seriesOf(first.id))[1]!;
    expect(second).toMatchObject({ dueAt: '2099-05-02T07:00:00.000Z', series: { id: first.id, index: 2 } });
    await call('POST', `/tasks/${second.id}/complete`);
    await settled();

    expect((await seriesOf(first.id)).map((task) => task.status)).toEqual(['completed', 'completed']);
  });

  it('counts from the completion in completion mode: two days after the day it was done, at the same time of day', async () => {
    const first = await create({ title: 'Water the ferns', dueAt: '2099-05-01T18:00:00+02:00', recurrence: { rrule: 'FREQ=DAILY;INTERVAL=2', timezone: 'Europe/Berlin', from: 'completion' } });

    const { body: done } = await call('POST', `/tasks/${first.id}/complete`);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);

    const next = (await seriesOf(first.id))[1]!;
    const completionDay = new Date(`${localTime(done.completedAt!, 'Europe/Berlin').slice(0, 10)}T12:00:00Z`);
    const twoDaysLater = new Date(completionDay.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(localTime(next.dueAt!, 'Europe/Berlin')).toMatch(new RegExp(`^${twoDaysLater}, 18:00$`));
  });

  it('generates nothing after a recurring task is deleted', async () => {
    const task = await create({ title: 'Water the plants', dueAt: '2099-05-01T09:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Berlin' } });
    await call('POST', `/tasks/${task.id}/complete`);
    await expect.poll(async () => (await seriesOf(task.id)).length, { timeout: 5_000 }).toBe(2);
    const next = (await seriesOf(task.id))[1]!;

    expect((await call('DELETE', `/tasks/${next.id}`)).status).toBe(204);
    await settled();

    expect((await seriesOf(task.id)).map((t) => t.id)).toEqual([task.id]);
  });

  it('refuses a rule that can never be due, naming the problem', async () => {
    const answer = await call<{ status: number; errors: { field: string; message: string }[] }>('POST', '/tasks', {
      title: 'Pay the February rent',
      dueAt: '2099-02-01T09:00:00+01:00',
      recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', timezone: 'Europe/Berlin' },
    });
    expect(answer).toMatchObject({ status: 422, body: { errors: [{ field: 'recurrence.rrule', message: 'no month in BYMONTH has 30 days' }] } });
  });
});

describe('the activity history of a recurring series', () => {
  it('tells each task what happened to it, in order, to its owner alone, on a chain that verifies', async () => {
    const first = await create({ title: 'Stand-up', dueAt: '2099-06-05T09:00:00+02:00', reminders: ['PT10M'], recurrence: WEEKDAYS_BERLIN });
    await settled();
    await call('PUT', `/tasks/${first.id}`, { title: 'Stand-up (room 4)' });
    await call('POST', `/tasks/${first.id}/complete`);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);
    await settled();
    const next = (await seriesOf(first.id))[1]!;

    const history = async (taskId: string, user = 'alice') => (await call<{ items: AuditItem[] }>('GET', `/audit/tasks/${taskId}`, undefined, user)).body.items;
    expect((await history(first.id)).map((item) => item.type)).toEqual([
      'dev.todo.task.created.v1',
      'dev.todo.reminder.scheduled.v1',
      'dev.todo.task.updated.v1',
      'dev.todo.task.completed.v1',
    ]);
    expect((await history(next.id)).map((item) => item.type)).toEqual(['dev.todo.task.create.v1', 'dev.todo.task.created.v1', 'dev.todo.reminder.scheduled.v1']);
    const sequences = (await history(first.id)).map((item) => item.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));

    expect(await history(first.id, 'bob')).toEqual([]);
    expect((await call('GET', `/audit?taskId=${first.id}`, undefined, 'bob')).body).toEqual({ items: [], nextCursor: null });
    expect((await call('GET', '/audit/verify')).body).toMatchObject({ ok: true });
  });
});
