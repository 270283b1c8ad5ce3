import * as z from 'zod/mini';
import { Rfc3339 } from '../contracts/time';
import { eventSchema } from './envelope';

const ReminderFacts = z.object({
  reminderId: z.string().check(z.minLength(1)),
  taskId: z.uuid(),
  title: z.string(),
  remindAt: Rfc3339,
  dueAt: z.nullable(Rfc3339),
});

export const ReminderScheduled = eventSchema('dev.todo.reminder.scheduled.v1', ReminderFacts);
export type ReminderScheduled = z.infer<typeof ReminderScheduled>;

export const ReminderDelivered = eventSchema(
  'dev.todo.reminder.delivered.v1',
  z.extend(ReminderFacts, { deliveredAt: Rfc3339, late: z.boolean() }),
);
export type ReminderDelivered = z.infer<typeof ReminderDelivered>;

export const ReminderFailed = eventSchema(
  'dev.todo.reminder.failed.v1',
  z.extend(ReminderFacts, { reason: z.string().check(z.minLength(1)) }),
);
export type ReminderFailed = z.infer<typeof ReminderFailed>;
