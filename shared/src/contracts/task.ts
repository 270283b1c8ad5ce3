import { z } from 'zod';
import { Recurrence } from './recurrence';
import { IsoDuration, Rfc3339 } from './time';

export const Priority = z.enum(['low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

/** Rank used for sorting: urgent first. Priority is never sorted as a string. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 4, high: 3, medium: 2, low: 1 };

export const TaskStatus = z.enum(['pending', 'completed']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const Tag = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_\-/.]*$/u, 'lower-case letters, digits, _ - / . (no spaces)');

const Title = z.string().max(300).regex(/\S/, 'must not be blank');
const Description = z.string().max(10_000);
const Tags = z.array(Tag).max(20).refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag');
const Reminders = z.array(IsoDuration).max(10).refine((r) => new Set(r).size === r.length, 'must not repeat an offset');

/** A task as the API returns it and as task events carry it. */
export const Task = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: Priority,
  tags: z.array(z.string()),
  dueAt: Rfc3339.nullable(),
  reminders: z.array(IsoDuration),
  recurrence: Recurrence.nullable(),
  version: z.number().int().min(1),
  createdAt: Rfc3339,
  updatedAt: Rfc3339,
  completedAt: Rfc3339.nullable(),
});
export type Task = z.infer<typeof Task>;

/** What a client sends to create a task (`POST /tasks`, and the create-task command's data). */
export const NewTask = z.strictObject({
  title: Title,
  description: Description.optional(),
  priority: Priority.optional(),
  tags: Tags.optional(),
  dueAt: Rfc3339.nullable().optional(),
  reminders: Reminders.optional(),
  recurrence: Recurrence.nullable().optional(),
});
export type NewTask = z.infer<typeof NewTask>;

/** The fields to change (`PUT /tasks/{id}`); at least one. */
export const TaskChanges = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    priority: Priority.optional(),
    tags: Tags.optional(),
    dueAt: Rfc3339.nullable().optional(),
    reminders: Reminders.optional(),
    recurrence: Recurrence.nullable().optional(),
    status: TaskStatus.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'must change at least one field');
export type TaskChanges = z.infer<typeof TaskChanges>;
