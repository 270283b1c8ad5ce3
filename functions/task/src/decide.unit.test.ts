import { describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import type { AnyEvent } from '#shared/events/catalog';
import { validateEvent } from '#shared/events/validate-event';
import { aTask, eventContext, FIXED_NOW, TASK_ID, TRACEPARENT } from '#shared/testing/event-fixtures';
import { decideComplete, decideCreate, decideDelete, decideUpdate } from './decide';
import { RuleViolation } from '#shared/contracts/rule-violation';

const NOW = FIXED_NOW.toISOString();
const EARLIER = '2026-04-30T12:00:00.000Z';
const DAILY = { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' };

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** The fixed clock, user and trace, with uuids handed out in order: `id(1)`, `id(2)`, … */
function fixedContext() {
  let next = 0;
  return eventContext({ newId: () => id(++next) });
}

const anExistingTask = (overrides: Partial<Task> = {}) => aTask({ createdAt: EARLIER, updatedAt: EARLIER, ...overrides });

function expectValid(events: AnyEvent[]) {
  for (const event of events) expect(validateEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, event });
}

function violationOf(run: () => unknown): { field: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolation) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a RuleViolation');
}

describe('decideCreate', () => {
  it('applies the defaults and emits one TaskCreated for the new task', () => {
    const { task, events } = decideCreate({ title: 'Water the plants' }, fixedContext());

    expect(task).toEqual({
      id: id(1),
      title: 'Water the plants',
      description: '',
      status: 'pending',
      priority: 'medium',
      tags: [],
      dueAt: null,
      reminders: [],
      recurrence: null,
      series: null,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
      completedAt: null,
    });
    expect(events).toEqual([
      {
        specversion: '1.0',
        id: id(2),
        source: '/functions/task',
        type: 'dev.todo.task.created.v1',
        subject: id(1),
        time: NOW,
        datacontenttype: 'application/json',
        partitionkey: id(1),
        traceparent: TRACEPARENT,
        userid: 'user-1',
        data: { task, commandId: null },
      },
    ]);
    expectValid(events);
  });

  it('reminds at the due time when a due time is set and reminders are omitted', () => {
    const { task } = decideCreate({ title: 'Call mom', dueAt: '2026-05-02T18:00:00Z' }, fixedContext());

    expect(task.reminders).toEqual(['PT0S']);
  });

  it('keeps an explicit empty reminder list', () => {
    const { task } = decideCreate({ title: 'Call mom', dueAt: '2026-05-02T18:00:00Z', reminders: [] }, fixedContext());

    expect(task.reminders).toEqual([]);
  });

  it('keeps the reminders it is given', () => {
    const { task } = decideCreate({ title: 'Call mom', dueAt: '2026-05-02T18:00:00Z', reminders: ['PT15M', 'P1D'] }, fixedContext());

    expect(task.reminders).toEqual(['PT15M', 'P1D']);
  });

  it.each([
    ['2026-05-02T17:00:00+02:00', '2026-05-02T15:00:00.000Z'],
    ['2026-05-02T10:30:00-05:30', '2026-05-02T16:00:00.000Z'],
    ['2026-05-02T15:00:00Z', '2026-05-02T15:00:00.000Z'],
    ['2026-05-02T15:00:00.25Z', '2026-05-02T15:00:00.250Z'],
  ])('stores the due time %s in UTC as %s', (dueAt, expected) => {
    const { task, events } = decideCreate({ title: 'Buy milk', dueAt }, fixedContext());

    expect(task.dueAt).toBe(expected);
    expectValid(events);
  });

  it('trims the title and keeps what it is given', () => {
    const input = { title: '  Buy milk ', description: 'oat', priority: 'urgent' as const, tags: ['shopping'], dueAt: '2026-05-02T15:00:00Z', recurrence: DAILY };

    const { task } = decideCreate(input, fixedContext());

    expect(task).toMatchObject({ title: 'Buy milk', description: 'oat', priority: 'urgent', tags: ['shopping'], recurrence: DAILY });
  });

  it('starts a series with a recurring task, and keeps the series a command carries', () => {
    const input = { title: 'Stand-up', dueAt: '2026-05-04T07:00:00Z', recurrence: DAILY };

    const first = decideCreate(input, fixedContext()).task;
    const next = decideCreate({ ...input, series: { id: first.id, index: 2 } }, fixedContext()).task;

    expect(first.series).toEqual({ id: first.id, index: 1 });
    expect(next.series).toEqual({ id: first.id, index: 2 });
    expect(decideCreate({ title: 'Once' }, fixedContext()).task.series).toBeNull();
  });

  it('uses the id the command chose and records the command id', () => {
    const context = { ...fixedContext(), commandId: 'command-7' };

    const { task, events } = decideCreate({ title: 'Buy milk', taskId: TASK_ID }, context);

    expect(task.id).toBe(TASK_ID);
    expect(events).toMatchObject([{ id: id(1), subject: TASK_ID, partitionkey: TASK_ID, data: { commandId: 'command-7' } }]);
    expectValid(events);
  });

  it('refuses a recurrence without a due time', () => {
    expect(violationOf(() => decideCreate({ title: 'Stretch', recurrence: DAILY }, fixedContext()))).toMatchObject({ field: 'dueAt' });
  });

  it('refuses reminders without a due time', () => {
    expect(violationOf(() => decideCreate({ title: 'Stretch', reminders: ['PT5M'] }, fixedContext()))).toMatchObject({ field: 'reminders' });
  });

  it('accepts an explicit null due time without reminders', () => {
    const { task } = decideCreate({ title: 'Someday', dueAt: null, recurrence: null }, fixedContext());

    expect(task).toMatchObject({ dueAt: null, reminders: [], recurrence: null });
  });
});

describe('decideUpdate', () => {
  it('refuses a change of the due time or of the rule alone that leaves the series no next date, naming the rule', () => {
    const recurring = anExistingTask({ dueAt: '2026-05-05T09:00:00.000Z', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', timezone: 'UTC' }, series: { id: 'series-1', index: 1 } });
    const rule = (rrule: string) => ({ recurrence: { rrule, timezone: 'UTC' } });

    expect(() => decideUpdate(recurring, rule('FREQ=YEARLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'), fixedContext())).toThrow(
      expect.objectContaining({ name: 'RuleViolation', field: 'recurrence.rrule' }),
    );
    const mondays = anExistingTask({ dueAt: '2026-05-04T09:00:00.000Z', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'UTC' } });
    expect(decideUpdate(mondays, { dueAt: '2026-05-11T09:00:00Z' }, fixedContext()).task.dueAt).toBe('2026-05-11T09:00:00.000Z');
  });

  it('emits only the fields that changed, as a new version at the time of the change', () => {
    const current = anExistingTask({ title: 'Buy milk', priority: 'low', tags: ['shopping'] });

    const { task, events } = decideUpdate(current, { title: 'Buy oat milk', priority: 'low', tags: ['shopping', 'vegan'] }, fixedContext());

    expect(task).toEqual({ ...current, title: 'Buy oat milk', tags: ['shopping', 'vegan'], version: 2, updatedAt: NOW });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'dev.todo.task.updated.v1', id: id(1), subject: current.id, time: NOW, data: { task, changed: ['title', 'tags'] } });
    expectValid(events);
  });

  it('emits nothing and keeps the version when nothing differs', () => {
    const current = anExistingTask({ title: 'Buy milk', dueAt: '2026-05-02T15:00:00.000Z', reminders: ['PT0S'], tags: ['shopping'] });

    const decision = decideUpdate(current, { title: ' Buy milk ', dueAt: '2026-05-02T17:00:00+02:00', tags: ['shopping'], status: 'pending' }, fixedContext());

    expect(decision).toEqual({ task: current, events: [] });
  });

  it('normalises a new due time to UTC', () => {
    const { task, events } = decideUpdate(anExistingTask(), { dueAt: '2026-05-03T09:00:00+02:00' }, fixedContext());

    expect(task.dueAt).toBe('2026-05-03T07:00:00.000Z');
    expect(events[0]).toMatchObject({ data: { changed: ['dueAt', 'reminders'] } });
  });

  it('adds a reminder at the due time when a first due time is set, and keeps reminders when the due time moves', () => {
    const first = decideUpdate(anExistingTask(), { dueAt: '2026-05-03T07:00:00Z' }, fixedContext());
    const moved = decideUpdate(first.task, { dueAt: '2026-05-04T07:00:00Z' }, fixedContext());

    expect(first.task.reminders).toEqual(['PT0S']);
    expect(moved.task.reminders).toEqual(['PT0S']);
    expect(moved.events[0]).toMatchObject({ data: { changed: ['dueAt'] } });
  });

  it('clears the reminders with the due time', () => {
    const current = anExistingTask({ dueAt: '2026-05-02T15:00:00.000Z', reminders: ['PT15M'] });

    const { task, events } = decideUpdate(current, { dueAt: null }, fixedContext());

    expect(task).toMatchObject({ dueAt: null, reminders: [], version: 2 });
    expect(events[0]).toMatchObject({ data: { changed: ['dueAt', 'reminders'] } });
  });

  it('refuses to clear the due time of a recurring task', () => {
    const current = anExistingTask({ dueAt: '2026-05-02T15:00:00.000Z', recurrence: DAILY });

    expect(violationOf(() => decideUpdate(current, { dueAt: null }, fixedContext()))).toMatchObject({ field: 'dueAt' });
  });

  it('starts a series when a task gets a recurrence, and keeps the series when the rule changes or goes', () => {
    const current = anExistingTask({ dueAt: '2026-05-02T15:00:00.000Z', reminders: ['PT0S'] });

    const recurring = decideUpdate(current, { recurrence: DAILY }, fixedContext());
    const weekly = decideUpdate({ ...recurring.task, series: { id: TASK_ID, index: 3 } }, { recurrence: { ...DAILY, rrule: 'FREQ=WEEKLY' } }, fixedContext());
    const single = decideUpdate(weekly.task, { recurrence: null }, fixedContext());

    expect(recurring.task.series).toEqual({ id: current.id, index: 1 });
    expect(recurring.events[0]).toMatchObject({ data: { changed: ['recurrence', 'series'] } });
    expectValid(recurring.events);
    expect(weekly.task.series).toEqual({ id: TASK_ID, index: 3 });
    expect(single.task).toMatchObject({ recurrence: null, series: { id: TASK_ID, index: 3 } });
  });

  it('refuses reminders on a task without a due time', () => {
    expect(violationOf(() => decideUpdate(anExistingTask(), { reminders: ['PT5M'] }, fixedContext()))).toMatchObject({ field: 'reminders' });
  });

  it('completes a task whose status changes to completed: TaskCompleted alone when nothing else changed', () => {
    const current = anExistingTask();

    const { task, events } = decideUpdate(current, { status: 'completed' }, fixedContext());

    expect(task).toEqual({ ...current, status: 'completed', completedAt: NOW, updatedAt: NOW, version: 2 });
    expect(events).toEqual([expect.objectContaining({ type: 'dev.todo.task.completed.v1', id: id(1), data: { task } })]);
    expectValid(events);
  });

  it('completes after the other changes: TaskUpdated first, then TaskCompleted, one version each', () => {
    const current = anExistingTask({ title: 'Buy milk' });

    const { task, events } = decideUpdate(current, { title: 'Buy oat milk', status: 'completed' }, fixedContext());

    expect(task).toMatchObject({ title: 'Buy oat milk', status: 'completed', completedAt: NOW, version: 3 });
    expect(events.map((event) => [event.type, event.id])).toEqual([
      ['dev.todo.task.updated.v1', id(1)],
      ['dev.todo.task.completed.v1', id(2)],
    ]);
    expect(events[0]).toMatchObject({ data: { changed: ['title'], task: { title: 'Buy oat milk', status: 'pending', version: 2 } } });
    expect(events[1]).toMatchObject({ data: { task } });
    expectValid(events);
  });

  it('reopens a completed task as a TaskUpdated naming status', () => {
    const current = anExistingTask({ status: 'completed', completedAt: EARLIER, version: 2 });

    const { task, events } = decideUpdate(current, { status: 'pending' }, fixedContext());

    expect(task).toEqual({ ...current, status: 'pending', completedAt: null, version: 3, updatedAt: NOW });
    expect(events).toMatchObject([{ type: 'dev.todo.task.updated.v1', data: { task, changed: ['status'] } }]);
    expectValid(events);
  });

  it('emits nothing when a completed task is marked completed again', () => {
    const current = anExistingTask({ status: 'completed', completedAt: EARLIER, version: 2 });

    expect(decideUpdate(current, { status: 'completed' }, fixedContext())).toEqual({ task: current, events: [] });
  });
});

describe('decideComplete', () => {
  it('completes a pending task at the time of the command', () => {
    const current = anExistingTask();

    const { task, events } = decideComplete(current, fixedContext());

    expect(task).toEqual({ ...current, status: 'completed', completedAt: NOW, updatedAt: NOW, version: 2 });
    expect(events).toMatchObject([{ type: 'dev.todo.task.completed.v1', subject: current.id, userid: 'user-1', data: { task } }]);
    expectValid(events);
  });

  it('emits nothing when the task is completed already', () => {
    const once = decideComplete(anExistingTask(), fixedContext());

    expect(decideComplete(once.task, fixedContext())).toEqual({ task: once.task, events: [] });
  });
});

describe('decideDelete', () => {
  it('emits TaskDeleted carrying the last state of the task', () => {
    const current = anExistingTask({ title: 'Buy milk', dueAt: '2026-05-02T15:00:00.000Z', reminders: ['PT15M'], recurrence: DAILY, version: 4 });

    const { events } = decideDelete(current, fixedContext());

    expect(events).toEqual([
      expect.objectContaining({ type: 'dev.todo.task.deleted.v1', subject: current.id, partitionkey: current.id, data: { task: { ...current, version: 5, updatedAt: NOW } } }),
    ]);
    expectValid(events);
  });
});
