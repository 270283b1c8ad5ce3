import * as z from 'zod/mini';
import { one } from '#shared/http/query-parameters';
import { isDay } from './decide';

/** A calendar date `YYYY-MM-DD`, read as a UTC day. */
export const Day = z.string().check(z.refine(isDay, 'must be a date YYYY-MM-DD, e.g. 2026-05-01, naming a real day in years 0001-9999'));
z.globalRegistry.add(Day, { format: 'date', description: 'a UTC calendar day, years 0001-9999', examples: ['2026-05-01'] });

/**
 * `GET /stats` query parameters: `from` and `to`, UTC days, both included. `to` defaults to today,
 * `from` to six days before `to`; at most 366 days.
 */
export const StatsQuery = z.strictObject({
  from: z.optional(one(Day)),
  to: z.optional(one(Day)),
});
export type StatsQuery = z.infer<typeof StatsQuery>;
