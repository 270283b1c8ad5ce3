import * as z from 'zod/mini';
import { many, one } from '#shared/http/query-parameters';
import { Rfc3339 } from '#shared/contracts/time';
import { CATALOG, type EventType } from '#shared/events/catalog';

const EVENT_TYPES = Object.keys(CATALOG) as [EventType, ...EventType[]];

const shape = {
  taskId: z.optional(one(z.uuid())),
  type: z.optional(many(z.enum(EVENT_TYPES))),
  from: z.optional(one(Rfc3339)),
  to: z.optional(one(Rfc3339)),
  order: z.optional(one(z.enum(['desc', 'asc']))),
  limit: z.optional(one(z.pipe(z.string().check(z.regex(/^(?:[1-9]\d?|1\d\d|200)$/, 'must be a whole number from 1 to 200')), z.transform(Number)))),
  cursor: z.optional(one(z.string().check(z.minLength(1), z.maxLength(500)))),
};

const fromBeforeTo = <T extends { from?: string | undefined; to?: string | undefined }>() =>
  z.refine<T>((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), { message: 'must be later than from', path: ['to'] });

/**
 * `GET /audit` query parameters (each arrives as a list: `?type=a&type=b`): `taskId`, `type`
 * (repeatable: any of), `from` (inclusive) and `to` (exclusive) on the event time, `order`
 * (`desc`, newest first, by default), `limit` (1–200, default 50) and `cursor`.
 */
export const HistoryQuery = z.strictObject(shape).check(fromBeforeTo());
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** `GET /audit/tasks/{taskId}` query parameters: the task comes from the path. */
const { taskId: _taskId, ...taskShape } = shape;
export const TaskHistoryQuery = z.strictObject(taskShape).check(fromBeforeTo());
