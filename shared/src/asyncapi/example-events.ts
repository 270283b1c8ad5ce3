import type { Task } from '../contracts/task';
import type { EventOf, EventType } from '../events/catalog';
import { newEvent } from '../events/new-event';
import { EMITTED_BY } from './event-flow';

// Fixed ids and times, one task's story: the committed document must come out the same on every run.
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const USER_ID = 'alice';
const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const NEXT_TASK_ID = '5d3e9a0c-1b7f-5c2e-8a4d-6f0b2c9e7a13';
const REMINDER_ID = '01968a3c-8e80-7c4d-9a1e-5b2f6c3d4e01';
const NOTIFICATION_ID = '01968a3c-9a38-7e21-8b3f-4c5d6e7f8a02';
const eventId = (index: number) => `01968a3c-8e80-7000-8000-${String(index).padStart(12, '0')}`;

const task: Task = {
  id: TASK_ID,
  title: 'Water the plants',
  description: '',
  status: 'pending',
  priority: 'medium',
  tags: ['home'],
  dueAt: '2026-05-02T18:00:00.000Z',
  reminders: ['PT1H'],
  recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Berlin' },
  series: null,
  version: 1,
  createdAt: '2026-05-01T09:00:00.000Z',
  updatedAt: '2026-05-01T09:00:00.000Z',
  completedAt: null,
};
const updated: Task = { ...task, priority: 'high', version: 2, updatedAt: '2026-05-01T09:05:00.000Z' };
const completed: Task = { ...updated, status: 'completed', version: 3, updatedAt: '2026-05-02T17:30:00.000Z', completedAt: '2026-05-02T17:30:00.000Z' };
const reminder = { reminderId: REMINDER_ID, taskId: TASK_ID, title: task.title, remindAt: '2026-05-02T17:00:00.000Z', dueAt: task.dueAt };
const notification = { notificationId: NOTIFICATION_ID, channel: 'in-app' as const, taskId: TASK_ID, reminderId: REMINDER_ID, title: task.title };

const EXAMPLES: { [T in EventType]: { time: string; subject: string; data: EventOf<T>['data'] } } = {
  'dev.todo.task.created.v1': { time: task.createdAt, subject: TASK_ID, data: { task, commandId: null } },
  'dev.todo.task.updated.v1': { time: updated.updatedAt, subject: TASK_ID, data: { task: updated, changed: ['priority'] } },
  'dev.todo.task.completed.v1': { time: completed.updatedAt, subject: TASK_ID, data: { task: completed } },
  'dev.todo.task.deleted.v1': { time: '2026-05-03T08:00:00.000Z', subject: TASK_ID, data: { task: completed } },
  'dev.todo.task.create.v1': {
    time: '2026-05-02T17:30:01.000Z',
    subject: NEXT_TASK_ID,
    data: {
      taskId: NEXT_TASK_ID,
      title: task.title,
      description: task.description,
      priority: updated.priority,
      tags: task.tags,
      dueAt: '2026-05-09T18:00:00.000Z',
      reminders: task.reminders,
      recurrence: task.recurrence,
      series: { id: TASK_ID, index: 2 },
    },
  },
  'dev.todo.reminder.scheduled.v1': { time: '2026-05-01T09:00:01.000Z', subject: TASK_ID, data: reminder },
  'dev.todo.reminder.delivered.v1': { time: '2026-05-02T17:00:01.000Z', subject: TASK_ID, data: { ...reminder, deliveredAt: '2026-05-02T17:00:01.000Z', late: false } },
  'dev.todo.reminder.failed.v1': { time: '2026-05-02T17:00:01.000Z', subject: TASK_ID, data: { ...reminder, reason: 'the scheduler refused the job' } },
  'dev.todo.notification.sent.v1': { time: '2026-05-02T17:00:02.000Z', subject: TASK_ID, data: notification },
  'dev.todo.notification.delivered.v1': { time: '2026-05-02T17:00:02.000Z', subject: TASK_ID, data: { ...notification, deliveredAt: '2026-05-02T17:00:02.000Z' } },
  'dev.todo.notification.failed.v1': {
    time: '2026-05-02T17:02:30.000Z',
    subject: TASK_ID,
    data: { ...notification, channel: 'webhook', reason: 'the receiver answered 500', attempts: 5 },
  },
};

/** A valid event of `type` as its function writes it (built and checked by `newEvent`). */
export function exampleEvent<T extends EventType>(type: T): EventOf<T> {
  const { time, ...fields } = EXAMPLES[type];
  const index = Object.keys(EXAMPLES).indexOf(type) + 1;
  const context = { source: `/functions/${EMITTED_BY[type]}`, userId: USER_ID, traceparent: TRACEPARENT, now: new Date(time), newId: () => eventId(index) };
  return newEvent(type, context, fields);
}

/**
 * The create-task command as any CloudEvents producer may send it: only what the CloudEvents spec
 * requires, `userid` and the data (README, "The multi-process system").
 */
export const MINIMAL_COMMAND = {
  specversion: '1.0',
  id: 'cli-1',
  source: '/cli',
  type: 'dev.todo.task.create.v1',
  userid: USER_ID,
  data: { title: 'Call the bank' },
} as const;
