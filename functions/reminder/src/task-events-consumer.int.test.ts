import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { processDelivery } from '#shared/events/process-delivery';
import { aTask, startReminderKit, type ReminderKit } from '../test/reminder-test-kit';

// The kit's clock stands at 2026-05-01T08:00Z; due times are days ahead, so no reminder falls due here.
let kit: ReminderKit;
beforeAll(async () => {
  kit = await startReminderKit();
});
afterAll(() => kit.stop());

const DUE = '2026-05-03T09:00:00.000Z';
const aDatedTask = (overrides: Partial<Task> = {}) => aTask({ id: randomUUID(), dueAt: DUE, reminders: ['PT15M', 'PT0S'], ...overrides });
const created = (task: Task, user = 'alice') => kit.taskEvent('dev.todo.task.created.v1', user, task);
const updated = (task: Task, user = 'alice') => kit.taskEvent('dev.todo.task.updated.v1', user, task);

describe('reminders from task-events', () => {
  it('schedules one reminder per offset and announces each with ReminderScheduled', async () => {
    const task = aDatedTask();

    expect(await kit.deliver(created(task))).toBe(202);

    expect(await kit.rows(task.id)).toEqual([
      expect.objectContaining({ origin: 'task', before: 'PT15M', remindAt: '2026-05-03T08:45:00.000Z', status: 'scheduled' }),
      expect.objectContaining({ origin: 'task', before: 'PT0S', remindAt: '2026-05-03T09:00:00.000Z', status: 'scheduled' }),
    ]);
    const announced = await kit.publishedOf('dev.todo.reminder.scheduled.v1', task.id);
    expect(announced.map((e) => e.data)).toEqual([
      { reminderId: expect.any(String), taskId: task.id, title: task.title, remindAt: '2026-05-03T08:45:00.000Z', dueAt: DUE },
      { reminderId: expect.any(String), taskId: task.id, title: task.title, remindAt: '2026-05-03T09:00:00.000Z', dueAt: DUE },
    ]);
    expect(announced.every((e) => e.userid === 'alice' && e.source === '/functions/reminder' && e.traceparent.startsWith('00-4bf92f3577b34da6a3ce929d0e0e4736-'))).toBe(true);
  });

  it('schedules nothing for a task without a due time or with no offsets', async () => {
    const undated = aTask({ id: randomUUID() });
    const none = aDatedTask({ reminders: [] });
    await kit.deliver(created(undated));
    await kit.deliver(created(none));

    expect(await kit.rows(undated.id)).toEqual([]);
    expect(await kit.rows(none.id)).toEqual([]);
  });

  it('moves the reminders, keeping their ids, when the due time changes', async () => {
    const task = aDatedTask();
    await kit.deliver(created(task));
    const before = await kit.rows(task.id);

    await kit.deliver(updated({ ...task, dueAt: '2026-05-04T10:00:00.000Z', version: 2 }));

    expect(await kit.rows(task.id)).toEqual([
      { ...before[0], remindAt: '2026-05-04T09:45:00.000Z' },
      { ...before[1], remindAt: '2026-05-04T10:00:00.000Z' },
    ]);
    expect(await kit.publishedOf('dev.todo.reminder.scheduled.v1', task.id)).toHaveLength(4);
  });

  it('cancels a removed offset and schedules an added one', async () => {
    const task = aDatedTask();
    await kit.deliver(created(task));

    await kit.deliver(updated({ ...task, reminders: ['PT0S', 'P1D'], version: 2 }));

    expect((await kit.rows(task.id)).map((r) => [r.before, r.status])).toEqual([
      ['P1D', 'scheduled'],
      ['PT15M', 'cancelled'],
      ['PT0S', 'scheduled'],
    ]);
  });

  it('cancels every reminder when the task is completed', async () => {
    const task = aDatedTask();
    await kit.deliver(created(task));

    await kit.deliver(kit.taskEvent('dev.todo.task.completed.v1', 'alice', { ...task, status: 'completed', completedAt: '2026-05-01T08:00:00.000Z', version: 2 }));

    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('cancels every reminder, extra ones too, when the task is deleted', async () => {
    const task = aDatedTask();
    await kit.deliver(created(task));
    expect((await kit.call('alice', 'POST', '/reminders/schedule', { taskId: task.id, remindAt: '2026-05-02T12:00:00Z' })).status).toBe(201);

    await kit.deliver(kit.taskEvent('dev.todo.task.deleted.v1', 'alice', { ...task, version: 2 }));

    expect((await kit.rows(task.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('changes nothing when the same event is delivered again, through either path', async () => {
    const task = aDatedTask();
    const event = created(task);
    await kit.deliver(event);
    const rows = await kit.rows(task.id);

    expect(await kit.deliver(event)).toBe(202);
    expect(await processDelivery(kit.parts.consumer, event, { log: pino({ level: 'silent' }), attempt: 1 })).toEqual({ kind: 'ack', note: 'duplicate event' });

    expect(await kit.rows(task.id)).toEqual(rows);
    expect(await kit.publishedOf('dev.todo.reminder.scheduled.v1', task.id)).toHaveLength(2);
  });

  it('ignores an older version arriving after a newer one', async () => {
    const task = aDatedTask();
    const v1 = created(task);
    const v2 = updated({ ...task, dueAt: '2026-05-04T09:00:00.000Z', version: 2 });

    await kit.deliver(v2);
    expect(await processDelivery(kit.parts.consumer, v1, { log: pino({ level: 'silent' }), attempt: 0 })).toEqual({ kind: 'ack', note: 'older task version; ignored' });

    expect((await kit.rows(task.id)).map((r) => [r.remindAt, r.status])).toEqual([
      ['2026-05-04T08:45:00.000Z', 'scheduled'],
      ['2026-05-04T09:00:00.000Z', 'scheduled'],
    ]);
  });

  it('never revives reminders of a completed or deleted task when older events arrive late', async () => {
    for (const last of ['completed', 'deleted'] as const) {
      const task = aDatedTask();
      const v1 = created(task);
      const v2 = updated({ ...task, title: 'Renamed', version: 2 });
      await kit.deliver(v1);
      const end = last === 'completed'
        ? kit.taskEvent('dev.todo.task.completed.v1', 'alice', { ...task, status: 'completed', completedAt: '2026-05-01T08:00:00.000Z', version: 3 })
        : kit.taskEvent('dev.todo.task.deleted.v1', 'alice', { ...task, version: 3 });
      await kit.deliver(end);

      await kit.deliver(v2);
      await kit.deliver(created({ ...task, id: task.id }));

      expect((await kit.rows(task.id)).map((r) => r.status), last).toEqual(['cancelled', 'cancelled']);
    }
  });

  it('schedules fresh reminders when a completed task is reopened with a newer version', async () => {
    const task = aDatedTask({ reminders: ['PT0S'] });
    await kit.deliver(created(task));
    await kit.deliver(kit.taskEvent('dev.todo.task.completed.v1', 'alice', { ...task, status: 'completed', completedAt: '2026-05-01T08:00:00.000Z', version: 2 }));

    await kit.deliver(updated({ ...task, version: 3 }));

    expect((await kit.rows(task.id)).map((r) => r.status).sort()).toEqual(['cancelled', 'scheduled']);
  });

  it("gives a recurring task's next occurrence its own reminders", async () => {
    const recurrence = { rrule: 'FREQ=DAILY', timezone: 'UTC' };
    const first = aDatedTask({ reminders: ['PT15M'], recurrence });
    await kit.deliver(created(first));
    await kit.deliver(kit.taskEvent('dev.todo.task.completed.v1', 'alice', { ...first, status: 'completed', completedAt: '2026-05-01T08:00:00.000Z', version: 2 }));

    const next = aDatedTask({ reminders: ['PT15M'], recurrence, dueAt: '2026-05-04T09:00:00.000Z' });
    await kit.deliver(created(next));

    expect((await kit.rows(first.id)).map((r) => r.status)).toEqual(['cancelled']);
    expect((await kit.rows(next.id)).map((r) => [r.remindAt, r.status])).toEqual([['2026-05-04T08:45:00.000Z', 'scheduled']]);
  });

  it('skips, silently, a reminder whose time passed before the task arrived', async () => {
    const task = aDatedTask({ dueAt: '2026-05-01T08:10:00.000Z', reminders: ['PT15M', 'PT0S'] });

    expect(await kit.deliver(created(task))).toBe(202);

    expect((await kit.rows(task.id)).map((r) => r.before)).toEqual(['PT0S']);
  });

  it('drops a task event that breaks the schema, changing nothing', async () => {
    const task = aDatedTask();
    const broken = { ...created(task), data: { task: { ...task, version: 0 }, commandId: null } };

    expect(await kit.deliver(broken as never)).toBe(400);
    expect(await kit.rows(task.id)).toEqual([]);
  });
});
