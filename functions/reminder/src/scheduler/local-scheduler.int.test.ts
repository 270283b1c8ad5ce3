import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testSql } from '#shared/testing/test-database';
import { fireDueReminders } from '../fire-reminders';
import { aTask, startReminderKit, type ReminderKit } from '../../test/reminder-test-kit';
import { nextDueAt } from '../reminder-store';
import { createLocalScheduler } from './local-scheduler';

// Timers are real: these tests run on the real clock and schedule reminders a few hundred ms ahead.
const kits: ReminderKit[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.stop();
});
async function start(options: Parameters<typeof startReminderKit>[0] = {}) {
  const kit = await startReminderKit({ clock: 'real', ...options });
  kits.push(kit);
  return kit;
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const aTaskDueIn = (ms: number, reminders = ['PT0S']) => aTask({ id: randomUUID(), dueAt: inMs(ms), reminders });

describe('the local scheduler', () => {
  it('fires a reminder at its time, exactly once, with ReminderDelivered through the outbox', async () => {
    const kit = await start();
    const task = aTaskDueIn(600);
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toEqual([]);

    await vi.waitFor(async () => expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toHaveLength(1), { timeout: 5_000, interval: 50 });
    await sleep(300);

    const [delivered] = await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id);
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toHaveLength(1);
    expect(delivered).toMatchObject({ userid: 'alice', source: '/functions/reminder', data: { taskId: task.id, title: task.title, remindAt: task.dueAt, late: false } });
    expect(new Date((delivered!.data as { deliveredAt: string }).deliveredAt).getTime()).toBeGreaterThanOrEqual(new Date(task.dueAt!).getTime());
    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['delivered']);
    const lateness = await kit.metricLines('reminder_lateness_seconds_count');
    expect(lateness).toEqual(['reminder_lateness_seconds_count{service="reminder-test",stage="fired"} 1']);
    const withinASecond = await kit.metricLines('reminder_lateness_seconds_bucket');
    expect(withinASecond).toContain('reminder_lateness_seconds_bucket{le="1",service="reminder-test",stage="fired"} 1');
  });

  it('never fires a reminder cancelled before its time, and fires a moved one at its new time', async () => {
    const kit = await start();
    const cancelled = aTaskDueIn(1_000);
    const moved = aTaskDueIn(1_000);
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', cancelled));
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', moved));

    await kit.deliver(kit.taskEvent('dev.todo.task.deleted.v1', 'alice', { ...cancelled, version: 2 }));
    const later = inMs(2_500);
    await kit.deliver(kit.taskEvent('dev.todo.task.updated.v1', 'alice', { ...moved, dueAt: later, version: 2 }));
    await sleep(1_300);
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1')).toEqual([]);

    await vi.waitFor(async () => expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', moved.id)).toHaveLength(1), { timeout: 5_000, interval: 50 });
    expect((await kit.publishedOf('dev.todo.reminder.delivered.v1', moved.id))[0]!.data).toMatchObject({ remindAt: later });
    expect((await kit.rows(cancelled.id)).map((r) => r.status)).toEqual(['cancelled']);
  });

  it('fails a due reminder whose task is gone, with the reason', async () => {
    const kit = await start();
    const task = aTaskDueIn(300);
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
    // The projection already knows of the deletion while the reminder is still scheduled (a race).
    await kit.sql.unsafe(`update ${kit.schema}.tasks set status = 'deleted' where id = $1`, [task.id]);

    await vi.waitFor(async () => expect(await kit.publishedOf('dev.todo.reminder.failed.v1', task.id)).toHaveLength(1), { timeout: 5_000, interval: 50 });

    expect((await kit.publishedOf('dev.todo.reminder.failed.v1', task.id))[0]!.data).toMatchObject({ reason: 'the task no longer exists' });
    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['failed']);
    expect(await kit.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toEqual([]);
  });

  it('fires each reminder once when two copies run on the same schema', async () => {
    const kit = await start();
    const otherSql = testSql();
    const otherDeps = { ...kit.parts.deps, sql: otherSql };
    const other = createLocalScheduler({ clock: () => new Date(), log: pino({ level: 'silent' }), nextDueAt: () => nextDueAt(otherSql, kit.schema), fireDue: () => fireDueReminders(otherDeps, 3) });
    await other.start();
    try {
      const tasks = Array.from({ length: 12 }, () => aTaskDueIn(400));
      for (const task of tasks) await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', task));
      await other.schedule({ id: 'any', remindAt: inMs(400) });

      await vi.waitFor(async () => {
        const [row] = await kit.sql.unsafe(`select count(*)::int as n from ${kit.schema}.reminders where status = 'scheduled'`);
        expect(row!.n).toBe(0);
      }, { timeout: 5_000, interval: 50 });
      await other.idle();
      await kit.parts.deps.scheduler.stop();

      const delivered = await kit.publishedOf('dev.todo.reminder.delivered.v1');
      const ids = delivered.map((event) => (event.data as { reminderId: string }).reminderId);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    } finally {
      await other.stop();
      await otherSql.end();
    }
  });

  it('fires, marked late and exactly once, the reminders that fell due while it was stopped', async () => {
    const first = await startReminderKit({ clock: 'real' });
    const task = aTaskDueIn(800);
    await first.deliver(first.taskEvent('dev.todo.task.created.v1', 'alice', task));
    await first.stop({ keepSchema: true });
    await sleep(1_000);

    // Started a minute later, as far as the function can tell: the clock is a minute ahead.
    const second = await start({ schema: first.schema, clock: () => new Date(Date.now() + 60_000) });

    await vi.waitFor(async () => expect(await second.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toHaveLength(1), { timeout: 5_000, interval: 50 });
    expect((await second.publishedOf('dev.todo.reminder.delivered.v1', task.id))[0]!.data).toMatchObject({ late: true, remindAt: task.dueAt });
    await second.parts.scheduler.schedule({ id: 'wake', remindAt: inMs(0) });
    await sleep(200);
    expect(await second.publishedOf('dev.todo.reminder.delivered.v1', task.id)).toHaveLength(1);
    expect((await second.rows(task.id)).map((r) => r.status)).toEqual(['delivered']);
  });

  it('arms one timer for the earliest scheduled reminder, and none when nothing is scheduled', async () => {
    const kit = await start();
    const scheduler = kit.parts.scheduler as ReturnType<typeof createLocalScheduler>;
    expect(scheduler.armedFor()).toBeNull();

    const far = aTask({ id: randomUUID(), dueAt: inMs(40 * 86_400_000), reminders: ['PT0S'] });
    const near = aTask({ id: randomUUID(), dueAt: inMs(3 * 86_400_000), reminders: ['PT0S'] });
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', far));
    await scheduler.idle();
    expect(scheduler.armedFor()?.toISOString()).toBe(far.dueAt);
    await kit.deliver(kit.taskEvent('dev.todo.task.created.v1', 'alice', near));
    await scheduler.idle();
    expect(scheduler.armedFor()?.toISOString()).toBe(near.dueAt);
  });
});
