import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { recurrenceModule } from '../functions/recurrence/src/recurrence-module';
import { taskModule } from '../functions/task/src/task-module';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-recurrence-'));
const secret = 'recurrence-chain-test-secret-0123456789';
let system: RunningSystem;
let headers: Record<string, string>;

beforeAll(async () => {
  system = await startSystem({
    env: { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret },
    modules: [taskModule, recurrenceModule],
    handleSignals: false,
  });
  headers = { authorization: `Bearer ${await issueToken({ userId: 'alice', secret, issuer: 'todo-local', audience: 'todo' })}`, 'content-type': 'application/json' };
});
afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = Task>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
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

describe('completing a recurring task over HTTP', () => {
  it('is followed by exactly one next task at 09:00 Berlin across the switch to summer time, however often it is completed', async () => {
    // Friday 27 March 2099, 09:00 CET; summer time starts on Sunday the 29th
    const { body: first } = await call('POST', '/tasks', {
      title: 'Stand-up notes',
      priority: 'high',
      tags: ['work'],
      dueAt: '2099-03-27T09:00:00+01:00',
      reminders: ['PT15M'],
      recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' },
    });
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
      recurrence: { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' },
      dueAt: '2099-03-30T07:00:00.000Z', // Monday 09:00 CEST
      series: { id: first.id, index: 2 },
    });
  });

  it('stops a COUNT=2 series after its second task', async () => {
    const { body: first } = await call('POST', '/tasks', {
      title: 'Take the antibiotics',
      dueAt: '2099-05-01T09:00:00+02:00',
      recurrence: { rrule: 'FREQ=DAILY;COUNT=2', timezone: 'Europe/Berlin' },
    });
    await call('POST', `/tasks/${first.id}/complete`);
    await expect.poll(async () => (await seriesOf(first.id)).length, { timeout: 5_000 }).toBe(2);

    const second = (await seriesOf(first.id))[1]!;
    expect(second).toMatchObject({ dueAt: '2099-05-02T07:00:00.000Z', series: { id: first.id, index: 2 } });
    await call('POST', `/tasks/${second.id}/complete`);
    await settled();

    expect((await seriesOf(first.id)).map((task) => task.status)).toEqual(['completed', 'completed']);
  });

  it('generates nothing after a recurring task is deleted', async () => {
    const { body: task } = await call('POST', '/tasks', { title: 'Water the plants', dueAt: '2099-05-01T09:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Berlin' } });
    await call('POST', `/tasks/${task.id}/complete`);
    await expect.poll(async () => (await seriesOf(task.id)).length, { timeout: 5_000 }).toBe(2);
    const next = (await seriesOf(task.id))[1]!;

    expect((await call('DELETE', `/tasks/${next.id}`)).status).toBe(204);
    await settled();

    expect((await seriesOf(task.id)).map((t) => t.id)).toEqual([task.id]);
  });
});
