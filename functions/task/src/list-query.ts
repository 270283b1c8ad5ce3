import * as z from 'zod/mini';
import { Priority, Tag, TaskStatus } from '#shared/contracts/task';
import { Rfc3339 } from '#shared/contracts/time';

export const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title', 'relevance'] as const;

const many = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.maxLength(20));
/** A parameter given at most once; a problem names the parameter itself, not `name.0`. */
const one = <T extends z.core.$ZodType<unknown, string>>(item: T) =>
  z.pipe(
    z.pipe(z.array(z.string()).check(z.maxLength(1, 'give this parameter once')), z.transform((list: string[]) => list[0]!)),
    item,
  );

/** `GET /tasks` query parameters (each may appear as a list: `?tag=a&tag=b`). */
export const ListQuery = z
  .strictObject({
    q: z.optional(one(z.string().check(z.minLength(1), z.maxLength(200)))),
    status: z.optional(one(TaskStatus)),
    priority: z.optional(many(Priority)),
    tag: z.optional(many(Tag)),
    dueBefore: z.optional(one(Rfc3339)),
    dueAfter: z.optional(one(Rfc3339)),
    completedBefore: z.optional(one(Rfc3339)),
    completedAfter: z.optional(one(Rfc3339)),
    overdue: z.optional(one(z.enum(['true', 'false']))),
    hasDue: z.optional(one(z.enum(['true', 'false']))),
    sort: z.optional(one(z.enum(SORTS))),
    limit: z.optional(one(z.coerce.number<string>().check(z.int(), z.minimum(1), z.maximum(200)))),
    cursor: z.optional(one(z.string().check(z.minLength(1), z.maxLength(500)))),
  })
  .check(z.refine((query) => query.sort !== 'relevance' || !!query.q, { message: 'sort=relevance needs q', path: ['sort'] }));
export type ListQuery = z.infer<typeof ListQuery>;
