import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaprBus } from '#shared/bus/dapr-bus';
import type { EventBus } from '#shared/bus/event-bus';
import { tokenCache } from '#shared/http/token-cache';
import { aTask, aTaskCompleted, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { type SidecarPair, startSidecarPair } from '#shared/testing/dapr/function-with-sidecar';
import { type DaprTestSetup, daprTestSetup, kafkaBrokers, TEST_JWT_SECRET } from '#shared/testing/dapr/dapr-test-setup';
import { readAll } from '#shared/testing/kafka-test-kit';
import { jobName } from './job-name';

/**
 * Reminders as Dapr jobs, end to end on the real Jobs scheduler: the reminder function (its bundle,
 * REMINDER_SCHEDULER=dapr) beside a real daprd, learning of tasks from task-events through Dapr pub/sub.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokenFor = tokenCache(TEST_JWT_SECRET);

let setup: DaprTestSetup;
let reminder: SidecarPair;
let bus: EventBus;

beforeAll(async () => {
  setup = await daprTestSetup({ pubsub: true });
  reminder = await startSidecarPair({
    name: 'reminder',
    env: { ...setup.baseEnv, EVENT_BUS_URL: 'dapr://pubsub', REMINDER_SCHEDULER: 'dapr' },
    ...setup.sidecarFiles,
  });
  bus = createDaprBus({ url: 'dapr://pubsub', sidecar: reminder.daprd.sidecar(), log: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await reminder?.stop();
  await setup?.cleanup();
});

interface PublicReminder {
  id: string;
  taskId: string;
  remindAt: string;
  status: string;
}

/** A task of `userId` due `inMs` from now with one reminder at its due time, announced as task.created. */
async function taskDueIn(userId: string, inMs: number) {
  const task = aTask({ id: randomUUID(), dueAt: new Date(Date.now() + inMs).toISOString(), reminders: ['PT0S'] });
  await bus.publish([aTaskCreated(task, eventContext({ userId, newId: () => randomUUID(), now: new Date() }))]);
  return task;
}

async function remindersOf(userId: string, taskId: string): Promise<PublicReminder[]> {
  const response = await fetch(`${reminder.function.url}/reminders?limit=100`, { headers: { authorization: `Bearer ${await tokenFor(userId)}` } }).catch(() => null);
  if (response?.status !== 200) return [];
  return ((await response.json()) as { items: PublicReminder[] }).items.filter((item) => item.taskId === taskId);
}

async function waitForReminder(userId: string, taskId: string, status: string, timeoutMs: number): Promise<{ reminder: PublicReminder; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await remindersOf(userId, taskId);
    if (found?.status === status) return { reminder: found, at: Date.now() };
    if (Date.now() > deadline) throw new Error(`reminder of ${taskId} not ${status} within ${timeoutMs} ms (now ${found?.status ?? 'absent'}):\n${reminder.daprd.output().slice(-3_000)}\n${reminder.function.output().slice(-3_000)}`);
    await sleep(100);
  }
}

async function job(reminderId: string): Promise<number> {
  const response = await fetch(`${reminder.daprd.url}/v1.0-alpha1/jobs/${jobName(reminderId)}`, { headers: reminder.daprd.sidecar().headers() });
  await response.arrayBuffer();
  return response.status;
}

/** How many reminder.delivered events the function published for `reminderId`. */
async function deliveredEvents(reminderId: string): Promise<number> {
  const records = await readAll([kafkaBrokers()], 'reminder-events', (record) => record.value?.includes(reminderId) === true && record.value.includes('dev.todo.reminder.delivered.v1'));
  return records.length;
}

describe('reminders as jobs on the real Dapr scheduler', () => {
  it('creates a job and fires it at its time, once', async () => {
    const task = await taskDueIn('jobs-user-1', 6_000);
    const { reminder: scheduled } = await waitForReminder('jobs-user-1', task.id, 'scheduled', 30_000);
    expect(await job(scheduled.id)).toBe(200);

    const { at } = await waitForReminder('jobs-user-1', task.id, 'delivered', 30_000);
    const lateMs = at - Date.parse(scheduled.remindAt);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3_000);
    await sleep(2_000);
    expect(await deliveredEvents(scheduled.id)).toBe(1);
  });

  it('deletes the job when the task is completed, and nothing fires', async () => {
    const task = await taskDueIn('jobs-user-2', 8_000);
    const { reminder: scheduled } = await waitForReminder('jobs-user-2', task.id, 'scheduled', 30_000);
    await bus.publish([aTaskCompleted({ ...task, status: 'completed', version: 2 }, eventContext({ userId: 'jobs-user-2', newId: () => randomUUID(), now: new Date() }))]);
    await waitForReminder('jobs-user-2', task.id, 'cancelled', 30_000);
    // daprd 1.18 answers a missing job with 500 DAPR_SCHEDULER_GET_JOB, not 404: the code never relies on either.
    await expect.poll(() => job(scheduled.id), { timeout: 10_000 }).not.toBe(200);
    await sleep(Math.max(0, Date.parse(scheduled.remindAt) - Date.now()) + 3_000);
    expect((await remindersOf('jobs-user-2', task.id))[0]?.status).toBe('cancelled');
    expect(await deliveredEvents(scheduled.id)).toBe(0);
  });

  it('retries a callback that failed (database down) until it succeeds, then delivers once', async () => {
    const task = await taskDueIn('jobs-user-3', 5_000);
    const { reminder: scheduled } = await waitForReminder('jobs-user-3', task.id, 'scheduled', 30_000);
    await setup.database.cut();
    await sleep(Math.max(0, Date.parse(scheduled.remindAt) - Date.now()) + 4_000);
    setup.database.restore();
    const { at } = await waitForReminder('jobs-user-3', task.id, 'delivered', 40_000);
    expect(at - Date.parse(scheduled.remindAt)).toBeGreaterThan(4_000);
    await sleep(2_000);
    expect(await deliveredEvents(scheduled.id)).toBe(1);
  });

  it('fires once after a restart a job that came due while the function was down', async () => {
    const task = await taskDueIn('jobs-user-4', 6_000);
    const { reminder: scheduled } = await waitForReminder('jobs-user-4', task.id, 'scheduled', 30_000);
    await reminder.stopFunction();
    await sleep(Math.max(0, Date.parse(scheduled.remindAt) - Date.now()) + 3_000);
    await reminder.startFunction();
    await waitForReminder('jobs-user-4', task.id, 'delivered', 40_000);
    await sleep(3_000);
    expect(await deliveredEvents(scheduled.id)).toBe(1);
  });
});
