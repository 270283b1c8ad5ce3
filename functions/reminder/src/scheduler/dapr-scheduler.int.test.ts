import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '#shared/testing/fake-dapr/fake-dapr-sidecar';
import { aTask, startReminderKit, type ReminderKit } from '../../test/reminder-test-kit';
import type { DaprScheduler } from './dapr-scheduler';
import { jobName } from './job-name';
import { jobsApiContract } from '../../test/scheduler/jobs-api.contract';
import { daprSidecarIn } from '#shared/dapr/dapr-sidecar';

// The kit's clock stands at 2026-05-01T08:00Z and is moved by hand past a reminder's time before
// the fake sidecar triggers its job.
let kit: ReminderKit;
let sidecar: FakeDaprSidecar;
const APP_TOKEN = 'app-token-for-the-job-callbacks';
beforeAll(async () => {
  sidecar = await startFakeDaprSidecar({ jobs: { callApp: (path, init) => kit.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'dapr-api-token': APP_TOKEN } }) } });
  kit = await startReminderKit({ scheduler: 'dapr', sidecar: daprSidecarIn(sidecar.env), appApiToken: APP_TOKEN });
});
afterAll(async () => {
  await kit.stop();
  await sidecar.close();
});

const DUE = '2026-05-03T09:00:00.000Z';
const aDatedTask = (overrides: Partial<Task> = {}) => aTask({ id: randomUUID(), dueAt: DUE, reminders: ['PT15M', 'PT0S'], ...overrides });
const isJobCall = (_method: string, path: string) => path.startsWith('/v1.0-alpha1/jobs/');
const requestsFor = (name: string) =>
  sidecar.requests.filter((request) => request.path.endsWith(`/${name}`)).map(({ method, path, body }) => ({ method, path, body: body ? (JSON.parse(body) as unknown) : null }));

describe('the Dapr Jobs scheduler', () => {
  it('creates one job per reminder at /v1.0-alpha1/jobs/<name>, with dueTime, overwrite and no name in the body', async () => {
    const task = aDatedTask();
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));

    const rows = await kit.rows(task.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const name = jobName(row.id);
      expect(name).toMatch(/^reminder-[0-9a-f-]{36}$/);
      expect(requestsFor(name)).toEqual([
        {
          method: 'POST',
          path: `/v1.0-alpha1/jobs/${name}`,
          body: { dueTime: row.remindAt, data: { reminderId: row.id }, overwrite: true, failurePolicy: { constant: { interval: '10s', maxRetries: 360 } } },
        },
      ]);
      expect(sidecar.jobs.get(name)).not.toHaveProperty('schedule');
    }
  });

  it('moves a job by posting it again with the new dueTime (overwrite), and deletes it on cancel', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    const name = jobName(row!.id);

    await kit.deliver(kit.taskEvent('dev.todo.task.updated.v1', 'alice', { ...task, dueAt: '2026-05-04T09:00:00.000Z', version: 2 }));
    expect(sidecar.jobs.get(name)).toMatchObject({ dueTime: '2026-05-04T09:00:00.000Z', overwrite: true });

    await kit.deliver(kit.taskEvent('dev.todo.task.completed.v1', 'alice', { ...task, status: 'completed', completedAt: DUE, version: 3 }));
    expect(sidecar.jobs.has(name)).toBe(false);
    expect(requestsFor(name).map((request) => request.method)).toEqual(['POST', 'POST', 'DELETE']);
  });

  it('delivers a reminder when its job triggers, and a redelivered trigger changes nothing', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    const name = jobName(row!.id);
    kit.clock.set('2026-05-03T09:00:00.200Z');

    const first = await sidecar.trigger(name);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'delivered' });
    expect(sidecar.jobs.has(name)).toBe(false);

    const again = await sidecar.redeliver(name, { reminderId: row!.id });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'already delivered' });

    const delivered = await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id);
    expect(delivered.map((event) => event.data)).toEqual([
      { reminderId: row!.id, taskId: task.id, title: task.title, remindAt: DUE, dueAt: DUE, deliveredAt: '2026-05-03T09:00:00.200Z', late: false },
    ]);
    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['delivered']);
    kit.clock.set('2026-05-01T08:00:00Z');
  });

  it('answers the same trigger arriving three times at once with one delivery', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    kit.clock.set('2026-05-03T09:00:01Z');

    const answers = await Promise.all([1, 2, 3].map(() => sidecar.redeliver(jobName(row!.id), { reminderId: row!.id })));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toHaveLength(1);
    kit.clock.set('2026-05-01T08:00:00Z');
  });

  it('ignores (200) the trigger of a cancelled reminder and refuses (404, no retry) a job that is not a reminder', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    await kit.deliver(kit.taskEvent('dev.todo.task.deleted.v1', 'alice', { ...task, version: 2 }));
    kit.clock.set('2026-05-03T09:00:01Z');

    const cancelled = await sidecar.redeliver(jobName(row!.id), { reminderId: row!.id });
    expect([cancelled.status, await cancelled.json()]).toEqual([200, { status: 'already cancelled' }]);

    const unknown = randomUUID();
    expect((await sidecar.redeliver(jobName(unknown), { reminderId: unknown })).status).toBe(404);
    expect((await sidecar.redeliver(jobName(row!.id), { something: 'else' })).status).toBe(404);
    expect((await sidecar.redeliver('reminder-other', { reminderId: row!.id })).status).toBe(404);
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toEqual([]);
    kit.clock.set('2026-05-01T08:00:00Z');
  });

  it('does not deliver a trigger that comes before the reminder time, and puts the job back at that time', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    const name = jobName(row!.id);

    const early = await sidecar.trigger(name);

    expect([early.status, await early.json()]).toEqual([200, { status: 'rescheduled' }]);
    await vi.waitFor(() => expect(sidecar.jobs.get(name)).toMatchObject({ dueTime: DUE }));
    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['scheduled']);
  });

  it('refuses a callback without the app token', async () => {
    const response = await kit.app.request(`/job/${jobName(randomUUID())}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });

  it('keeps a job change the sidecar refused and retries it in the background', async () => {
    const scheduler = kit.parts.scheduler as DaprScheduler;
    const task = aDatedTask({ reminders: ['PT0S'] });
    sidecar.failNext(3, isJobCall);

    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    expect(sidecar.jobs.has(jobName(row!.id))).toBe(false);
    expect(scheduler.unsynced()).toBe(1);

    await vi.waitFor(
      () => {
        expect(sidecar.jobs.get(jobName(row!.id))).toMatchObject({ dueTime: DUE });
        expect(scheduler.unsynced()).toBe(0);
      },
      { timeout: 3_000 },
    );
  });

  it('re-creates at start the job of every scheduled reminder', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    const [row] = await kit.rows(task.id);
    sidecar.jobs.clear();
    await kit.parts.stop();

    await kit.parts.start();

    const scheduled = await kit.sql.unsafe(`select id from ${kit.schema}.reminders where status = 'scheduled'`);
    expect([...sidecar.jobs.keys()].sort()).toEqual(scheduled.map((r) => jobName(r.id as string)).sort());
    expect(sidecar.jobs.get(jobName(row!.id))).toMatchObject({ dueTime: DUE, data: { reminderId: row!.id } });
  });
});

describe('the fake sidecar follows the Jobs contract', () => {
  const post = (name: string, body: unknown) => fetch(`${sidecar.url}/v1.0-alpha1/jobs/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers 204, 409 for an existing job without overwrite, 400 for a name in the body or no time', async () => {
    expect((await post('contract-1', { dueTime: DUE, data: {} })).status).toBe(204);
    expect((await post('contract-1', { dueTime: DUE, data: {} })).status).toBe(409);
    expect((await post('contract-1', { dueTime: DUE, data: {}, overwrite: true })).status).toBe(204);
    expect((await post('contract-2', { name: 'contract-2', dueTime: DUE })).status).toBe(400);
    expect((await post('contract-3', { data: {} })).status).toBe(400);
    expect((await fetch(`${sidecar.url}/v1.0-alpha1/jobs/missing`)).status).toBe(500);
    expect((await fetch(`${sidecar.url}/v1.0-alpha1/jobs/contract-1`, { method: 'DELETE' })).status).toBe(204);
  });
});

jobsApiContract('the fake sidecar', () => ({ url: sidecar.url, headers: {} }));
