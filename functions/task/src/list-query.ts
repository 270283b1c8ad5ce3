import { z } from 'zod';
import { Priority, Tag, TaskStatus } from '#shared/contracts/task';
import { Rfc3339 } from '#shared/contracts/time';

export const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title', 'relevance'] as const;

const many = <T extends z.ZodType>(item: T) => z.array(item).max(20);
/** A parameter given at most once; a problem names the parameter itself, not `name.0`. */
const one = <T extends z.ZodType<unknown, string>>(item: T) =>
  z.array(z.string()).max(1, 'give this parameter once').transform((list) => list[0]!).pipe(item);

/** `GET /tasks` query parameters (each may appear as a list: `?tag=a&tag=b`). */
export const ListQuery = z
  .strictObject({
    q: one(z.string().min(1).max(200)).optional(),
    status: one(TaskStatus).optional(),
    priority: many(Priority).optional(),
    tag: many(Tag).optional(),
    dueBefore: one(Rfc3339).optional(),
    dueAfter: one(Rfc3339).optional(),
    overdue: one(z.enum(['true', 'false'])).optional(),
    sort: one(z.enum(SORTS)).optional(),
    limit: one(z.coerce.number<string>().int().min(1).max(200)).optional(),
    cursor: one(z.string().min(1).max(500)).optional(),
  })
  .refine((query) => query.sort !== 'relevance' || query.q, { message: 'sort=relevance needs q', path: ['sort'] });
export type ListQuery = z.infer<typeof ListQuery>;
