import { describe, expect, it } from 'vitest';
import { eventsOf, sourceOf } from './function-events';

const context = { source: sourceOf('reminder'), userId: 'u-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', now: new Date('2026-12-07T10:00:00Z'), newId: () => '0b5c6a4e-8f1d-4c3b-9a7e-2d1f0c9b8a71' };
const fields = { subject: 'c1f2e3d4-0000-4000-8000-000000000001', data: { reminderId: '4d3c2b1a-0000-4000-8000-000000000002', taskId: 'c1f2e3d4-0000-4000-8000-000000000001', title: 'Water the plants', remindAt: '2026-12-07T10:00:00.000Z', dueAt: null, reason: 'task-deleted' } };

describe('eventsOf', () => {
  it('builds the events a function declares', () => {
    const event = eventsOf('reminder')('dev.todo.reminder.failed.v1', context, fields);
    expect(event).toMatchObject({ type: 'dev.todo.reminder.failed.v1', source: '/functions/reminder', subject: fields.subject });
  });

  it('refuses, at compile time, a type the function does not declare', () => {
    // @ts-expect-error the notification function does not emit reminder events
    const build = () => eventsOf('notification')('dev.todo.reminder.failed.v1', context, fields);
    expect(build().type).toBe('dev.todo.reminder.failed.v1');
  });
});
