import { describe, expect, it } from 'vitest';
import { eventContext, FIXED_NOW, TASK_ID } from '#shared/testing/event-fixtures';
import { decideFiring, LATE_AFTER_MS, PAST_DUE_GRACE_MS, planExtraReminder, planReminders } from './decide';
import type { Reminder, TaskView } from './reminder';
import { RuleViolation } from '#shared/contracts/rule-violation';

// FIXED_NOW is 2026-05-01T09:00:00Z.
const DUE = '2026-05-02T09:00:00.000Z';

function aView(overrides: Partial<TaskView> = {}): TaskView {
  return { id: TASK_ID, userId: 'user-1', title: 'Water the plants', dueAt: DUE, status: 'pending', version: 1, reminders: ['PT15M', 'PT0S'], ...overrides };
}

function aReminder(overrides: Partial<Reminder> = {}): Reminder {
  return { id: 'r-1', taskId: TASK_ID, userId: 'user-1', origin: 'task', before: 'PT0S', remindAt: DUE, status: 'scheduled', ...overrides };
}

const context = (now = FIXED_NOW) => eventContext({ source: '/functions/reminder', now });

describe('planReminders', () => {
  it('creates one reminder per offset before the due time and announces each', () => {
    const plan = planReminders(aView(), [], context());

    expect(plan.create.map((r) => [r.before, r.remindAt])).toEqual([
      ['PT15M', '2026-05-02T08:45:00.000Z'],
      ['PT0S', '2026-05-02T09:00:00.000Z'],
    ]);
    expect(plan.create.every((r) => r.status === 'scheduled' && r.origin === 'task' && r.userId === 'user-1')).toBe(true);
    expect(plan.move).toEqual([]);
    expect(plan.cancel).toEqual([]);
    expect(plan.events.map((e) => [e.type, e.subject, (e.data as { remindAt: string }).remindAt])).toEqual([
      ['dev.todo.reminder.scheduled.v1', TASK_ID, '2026-05-02T08:45:00.000Z'],
      ['dev.todo.reminder.scheduled.v1', TASK_ID, '2026-05-02T09:00:00.000Z'],
    ]);
    expect(plan.events[0]).toMatchObject({ source: '/functions/reminder', userid: 'user-1', data: { title: 'Water the plants', dueAt: DUE } });
  });

  it('changes nothing when the reminders already match the snapshot', () => {
    const current = [aReminder({ id: 'a', before: 'PT15M', remindAt: '2026-05-02T08:45:00.000Z' }), aReminder({ id: 'b' })];
    expect(planReminders(aView({ version: 2, title: 'Renamed' }), current, context())).toEqual({ create: [], move: [], cancel: [], events: [] });
  });

  it('moves scheduled reminders with the due time', () => {
    const current = [aReminder({ id: 'a', before: 'PT15M', remindAt: '2026-05-02T08:45:00.000Z' })];
    const plan = planReminders(aView({ dueAt: '2026-05-03T10:00:00.000Z', reminders: ['PT15M'] }), current, context());

    expect(plan.move).toEqual([{ ...current[0], remindAt: '2026-05-03T09:45:00.000Z' }]);
    expect(plan.create).toEqual([]);
    expect(plan.events).toHaveLength(1);
  });

  it('cancels the reminder of a removed offset and creates one for a new offset', () => {
    const plan = planReminders(aView({ reminders: ['P1D'] }), [aReminder({ id: 'a' })], context());

    expect(plan.cancel.map((r) => r.id)).toEqual(['a']);
    expect(plan.create.map((r) => [r.before, r.remindAt])).toEqual([['P1D', '2026-05-01T09:00:00.000Z']]);
  });

  it.each(['completed', 'deleted'] as const)('cancels every scheduled reminder, extra ones too, when the task is %s', (status) => {
    const current = [aReminder({ id: 'a' }), aReminder({ id: 'b', origin: 'extra', before: null, remindAt: '2026-05-01T12:00:00.000Z' }), aReminder({ id: 'c', status: 'delivered' })];
    const plan = planReminders(aView({ status }), current, context());

    expect(plan.cancel.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(plan.create).toEqual([]);
    expect(plan.events).toEqual([]);
  });

  it('cancels the offset reminders when the due time is removed, and keeps absolute extra ones', () => {
    const current = [aReminder({ id: 'a' }), aReminder({ id: 'rel', origin: 'extra', before: 'PT1H' }), aReminder({ id: 'abs', origin: 'extra', before: null, remindAt: '2026-05-01T12:00:00.000Z' })];
    const plan = planReminders(aView({ dueAt: null, reminders: [] }), current, context());

    expect(plan.cancel.map((r) => r.id).sort()).toEqual(['a', 'rel']);
  });

  it('moves relative extra reminders with the due time but never absolute ones', () => {
    const current = [aReminder({ id: 'rel', origin: 'extra', before: 'PT1H', remindAt: '2026-05-02T08:00:00.000Z' }), aReminder({ id: 'abs', origin: 'extra', before: null, remindAt: '2026-05-01T12:00:00.000Z' })];
    const plan = planReminders(aView({ dueAt: '2026-05-02T10:00:00.000Z', reminders: [] }), current, context());

    expect(plan.move).toEqual([{ ...current[0], remindAt: '2026-05-02T09:00:00.000Z' }]);
    expect(plan.cancel).toEqual([]);
  });

  it('does not repeat a reminder already delivered for the same time, but schedules a new one for a new time', () => {
    const delivered = [aReminder({ id: 'a', status: 'delivered', remindAt: '2026-05-01T09:00:00.000Z' })];
    const same = aView({ dueAt: '2026-05-01T09:00:00.000Z', reminders: ['PT0S'], version: 3 });
    expect(planReminders(same, delivered, context()).create).toEqual([]);

    const later = planReminders({ ...same, dueAt: '2026-05-01T11:00:00.000Z' }, delivered, context());
    expect(later.create.map((r) => r.remindAt)).toEqual(['2026-05-01T11:00:00.000Z']);
  });

  it('creates a new reminder rather than reviving a cancelled one', () => {
    const plan = planReminders(aView({ reminders: ['PT0S'] }), [aReminder({ id: 'old', status: 'cancelled' })], context());

    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.id).not.toBe('old');
  });

  it('skips a reminder whose time passed more than the grace window ago, and schedules one within it', () => {
    const now = new Date('2026-05-02T09:30:00.000Z');
    expect(planReminders(aView(), [], context(now)).create).toEqual([]);

    const justPast = new Date(new Date(DUE).getTime() + PAST_DUE_GRACE_MS - 1_000);
    expect(planReminders(aView(), [], context(justPast)).create.map((r) => r.before)).toEqual(['PT0S']);
  });

  it('cancels a scheduled reminder moved into the past', () => {
    const plan = planReminders(aView({ dueAt: '2026-05-01T06:00:00.000Z', reminders: ['PT0S'] }), [aReminder({ id: 'a' })], context());

    expect(plan.cancel.map((r) => r.id)).toEqual(['a']);
    expect(plan.move).toEqual([]);
  });
});

describe('planExtraReminder', () => {
  it('schedules at an absolute time, in UTC', () => {
    const { reminder, events } = planExtraReminder(aView(), { remindAt: '2026-05-01T14:00:00+02:00' }, context());

    expect(reminder).toMatchObject({ origin: 'extra', before: null, remindAt: '2026-05-01T12:00:00.000Z', status: 'scheduled' });
    expect(events.map((e) => e.type)).toEqual(['dev.todo.reminder.scheduled.v1']);
  });

  it('schedules relative to the due time', () => {
    expect(planExtraReminder(aView(), { before: 'PT2H' }, context()).reminder).toMatchObject({ before: 'PT2H', remindAt: '2026-05-02T07:00:00.000Z' });
  });

  it.each([
    ['a relative reminder for a task without a due time', aView({ dueAt: null }), { before: 'PT1H' }, 'before'],
    ['a time in the past', aView(), { remindAt: '2026-05-01T08:00:00Z' }, 'remindAt'],
    ['an offset reaching into the past', aView(), { before: 'P2D' }, 'before'],
    ['a completed task', aView({ status: 'completed' }), { before: 'PT1H' }, 'taskId'],
  ])('refuses %s', (_case, task, request, field) => {
    expect(() => planExtraReminder(task, request, context())).toThrow(expect.objectContaining({ field }) as unknown as RuleViolation);
  });
});

describe('decideFiring', () => {
  const reminder = aReminder({ remindAt: FIXED_NOW.toISOString() });

  it('delivers on time, not late', () => {
    const firing = decideFiring(reminder, aView(), context(new Date(FIXED_NOW.getTime() + 500)));

    expect(firing.status).toBe('delivered');
    expect(firing.event).toMatchObject({ type: 'dev.todo.reminder.delivered.v1', subject: TASK_ID, data: { reminderId: 'r-1', late: false, deliveredAt: '2026-05-01T09:00:00.500Z' } });
  });

  it('marks a reminder late from the threshold on', () => {
    const firing = decideFiring(reminder, aView(), context(new Date(FIXED_NOW.getTime() + LATE_AFTER_MS)));
    expect(firing.event.data).toMatchObject({ late: true });
  });

  it.each([
    ['the task is gone', null, 'the task no longer exists'],
    ['the task was deleted', aView({ status: 'deleted' }), 'the task no longer exists'],
    ['the task is completed', aView({ status: 'completed' }), 'the task is already completed'],
  ])('fails with the reason when %s', (_case, task, reason) => {
    const firing = decideFiring(reminder, task, context());
    expect(firing).toMatchObject({ status: 'failed', reason, event: { type: 'dev.todo.reminder.failed.v1', data: { reason } } });
  });
});
