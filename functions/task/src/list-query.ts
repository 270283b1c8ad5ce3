import * as z from 'zod/mini';
import { many, one } from '#shared/http/query-parameters';
import { Priority, Tag, TaskStatus } from '#shared/contracts/task';
import { Rfc3339 } from '#shared/contracts/time';

export const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title', 'relevance'] as const;

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
