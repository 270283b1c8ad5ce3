import * as z from 'zod/mini';
import { continuesAfterDueTime } from './continues-after-due-time';
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
  .check(
    z.minLength(1),
    z.maxLength(40),
    z.regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_\-/.]*$/u, 'lower-case letters, digits, _ - / . (no spaces)'),
  );

const Title = z.string().check(z.maxLength(300), z.regex(/\S/, 'must not be blank'));
const Description = z.string().check(z.maxLength(10_000));
const Tags = z.array(Tag).check(
  z.maxLength(20),
  z.refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag'),
);
const Reminders = z.array(IsoDuration).check(
  z.maxLength(10),
  z.refine((r) => new Set(r).size === r.length, 'must not repeat an offset'),
);

/** The largest position a series can reach: tasks keep it in a Postgres `integer`. */
const MAX_SERIES_INDEX = 2_147_483_647;

/** Links the tasks of one recurring series: `id` is the first task's id, `index` counts from 1. */
export const Series = z.strictObject({
  id: z.uuid(),
  index: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_SERIES_INDEX)),
});
export type Series = z.infer<typeof Series>;

/** A task as the API returns it and as task events carry it. */
export const Task = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: Priority,
  tags: z.array(z.string()),
  dueAt: z.nullable(Rfc3339),
  reminders: z.array(IsoDuration),
  recurrence: z.nullable(Recurrence),
  series: z.nullable(Series),
  version: z.number().check(z.int(), z.minimum(1)),
  createdAt: Rfc3339,
  updatedAt: Rfc3339,
  completedAt: z.nullable(Rfc3339),
});
export type Task = z.infer<typeof Task>;

/**
 * What a client sends to create a task (`POST /tasks`, and the create-task command's data). A task
 * that starts a series (no `series` yet) must have a rule that names a date after its due time; the
 * next task of a series, which the recurrence function computed, is not asked again.
 */
export const NewTask = z.strictObject({
  title: Title,
  description: z.optional(Description),
  priority: z.optional(Priority),
  tags: z.optional(Tags),
  dueAt: z.optional(z.nullable(Rfc3339)),
  reminders: z.optional(Reminders),
  recurrence: z.optional(z.nullable(Recurrence)),
  /** Set by the recurrence function on the next task of a series; a recurring task without it starts a series. */
  series: z.optional(Series),
}).check(continuesAfterDueTime((task) => task.series === undefined));
export type NewTask = z.infer<typeof NewTask>;

/**
 * The fields to change (`PUT /tasks/{id}`); at least one. Given a due time and a rule together, the
 * rule must name a date after the due time (with only one of them, the stored task holds the other).
 */
export const TaskChanges = z
  .strictObject({
    title: z.optional(Title),
    description: z.optional(Description),
    priority: z.optional(Priority),
    tags: z.optional(Tags),
    dueAt: z.optional(z.nullable(Rfc3339)),
    reminders: z.optional(Reminders),
    recurrence: z.optional(z.nullable(Recurrence)),
    status: z.optional(TaskStatus),
  })
  .check(
    z.refine((changes) => Object.keys(changes).length > 0, 'must change at least one field'),
    continuesAfterDueTime(),
  );
export type TaskChanges = z.infer<typeof TaskChanges>;

// Rules the refinements above (and the task function's decide) check that JSON Schema can say too.
z.globalRegistry.add(Tags, { uniqueItems: true });
z.globalRegistry.add(Reminders, { uniqueItems: true });
const NEEDS_DUE_TIME = { required: ['dueAt'], properties: { dueAt: { type: 'string' } } };
const DUE_TIME_RULES = [
  { if: { required: ['recurrence'], properties: { recurrence: { type: 'object' } } }, then: NEEDS_DUE_TIME },
  { if: { required: ['reminders'], properties: { reminders: { minItems: 1 } } }, then: NEEDS_DUE_TIME },
];

// Named in API descriptions: one type each in a generated client.
z.globalRegistry.add(Task, { id: 'Task' });
z.globalRegistry.add(NewTask, { id: 'NewTask', allOf: DUE_TIME_RULES });
z.globalRegistry.add(TaskChanges, { id: 'TaskChanges', minProperties: 1 });
z.globalRegistry.add(Series, { id: 'Series' });
