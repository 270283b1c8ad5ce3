import { z } from 'zod';
import { Rfc3339 } from '../contracts/time';
import { eventSchema } from './envelope';

const ReminderFacts = z.object({
  reminderId: z.string().min(1),
  taskId: z.uuid(),
  title: z.string(),
  remindAt: Rfc3339,
  dueAt: Rfc3339.nullable(),
});

export const ReminderScheduled = eventSchema('dev.todo.reminder.scheduled.v1', ReminderFacts);
export type ReminderScheduled = z.infer<typeof ReminderScheduled>;

export const ReminderDelivered = eventSchema(
  'dev.todo.reminder.delivered.v1',
  ReminderFacts.extend({ deliveredAt: Rfc3339, late: z.boolean() }),
);
export type ReminderDelivered = z.infer<typeof ReminderDelivered>;

export const ReminderFailed = eventSchema('dev.todo.reminder.failed.v1', ReminderFacts.extend({ reason: z.string().min(1) }));
export type ReminderFailed = z.infer<typeof ReminderFailed>;
