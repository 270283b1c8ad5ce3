import { describe, expect, it } from 'vitest';
import { validateEvent } from '#shared/events/validate-event';
import { aTask, FIXED_NOW, TASK_ID, TRACEPARENT } from '#shared/testing/event-fixtures';
import { decideSuccessor, successorCommandId, successorTaskId } from './decide';

const context = { source: '/functions/recurrence', userId: 'user-1', traceparent: TRACEPARENT, now: FIXED_NOW };
const WEEKDAYS_BERLIN = { rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', timezone: 'Europe/Berlin' };

const aCompletedRecurringTask = (overrides: Parameters<typeof aTask>[0] = {}) =>
  aTask({
    title: 'Stand-up notes',
    description: 'post them in #team',
    priority: 'high',
    tags: ['work'],
    dueAt: '2026-05-01T07:00:00.000Z',
    reminders: ['PT15M', 'PT0S'],
    recurrence: WEEKDAYS_BERLIN,
    series: { id: TASK_ID, index: 1 },
    status: 'completed',
    completedAt: '2026-05-01T07:30:00.000Z',
    ...overrides,
  });

describe('deciding the successor of a completed task', () => {
  it('sends a create-task command that copies the task into the next slot of its series', () => {
    const decision = decideSuccessor(aCompletedRecurringTask(), context);

    expect(decision.kind).toBe('create');
    if (decision.kind !== 'create') return;
    const { command } = decision;
    expect(validateEvent(JSON.parse(JSON.stringify(command)))).toEqual({ ok: true, event: command });
    expect(command).toMatchObject({
      id: successorCommandId(TASK_ID),
      type: 'dev.todo.task.create.v1',
      source: '/functions/recurrence',
      subject: successorTaskId(TASK_ID),
      partitionkey: successorTaskId(TASK_ID),
      userid: 'user-1',
      traceparent: TRACEPARENT,
      data: {
        taskId: successorTaskId(TASK_ID),
        title: 'Stand-up notes',
        description: 'post them in #team',
        priority: 'high',
        tags: ['work'],
        dueAt: '2026-05-04T07:00:00.000Z',
        reminders: ['PT15M', 'PT0S'],
        recurrence: WEEKDAYS_BERLIN,
        series: { id: TASK_ID, index: 2 },
      },
    });
  });

  it('derives the same ids from the same predecessor every time, and other ids from another', () => {
    expect(successorTaskId(TASK_ID)).toBe(successorTaskId(TASK_ID));
    expect(successorCommandId(TASK_ID)).not.toBe(successorTaskId(TASK_ID));
    expect(successorTaskId('7d444840-9dc0-11d1-b245-5ffdce74fad2')).not.toBe(successorTaskId(TASK_ID));
    expect(successorTaskId(TASK_ID)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts the series at the task itself when it carries none', () => {
    const decision = decideSuccessor(aCompletedRecurringTask({ series: null }), context);
    expect(decision.kind === 'create' && decision.command.data.series).toEqual({ id: TASK_ID, index: 2 });
  });

  it('decides nothing for a task that does not recur, or whose series has ended', () => {
    expect(decideSuccessor(aCompletedRecurringTask({ recurrence: null }), context)).toEqual({ kind: 'none', reason: 'not recurring' });
    const last = aCompletedRecurringTask({ recurrence: { ...WEEKDAYS_BERLIN, rrule: 'FREQ=DAILY;COUNT=2' }, series: { id: TASK_ID, index: 2 } });
    expect(decideSuccessor(last, context)).toEqual({ kind: 'none', reason: 'series ended (count)' });
  });
});
