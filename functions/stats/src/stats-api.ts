import * as z from 'zod/mini';
import type { Holds, SameShape } from '#shared/contracts/same-shape';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { type StatsReport as ComputedReport, MAX_DAYS } from './decide';
import { Day, StatsQuery } from './stats-query';

const count = () => z.number().check(z.int(), z.minimum(0));

const Counts = z.object({ created: count(), completed: count(), deleted: count(), remindersDelivered: count() });

const DayStats = z.object({ date: Day, created: count(), completed: count(), deleted: count(), remindersDelivered: count() });

const StatsReport = z.object({ days: z.array(DayStats), totals: Counts });

z.globalRegistry.add(DayStats, { id: 'StatsDay' });
z.globalRegistry.add(StatsReport, { id: 'StatsReport' });

export type StatsReportAgrees = Holds<SameShape<z.infer<typeof StatsReport>, ComputedReport>>;

/** The stats function's routes, from the schemas they validate with. */
export const STATS_API: ApiContracts = {
  tag: 'stats',
  description: "A user's daily counts: tasks created, completed and deleted, reminders delivered, per UTC day.",
  routes: [
    {
      method: 'get',
      path: '/stats',
      operationId: 'getStats',
      summary: 'Daily counts for a range of UTC days, both ends included (default: the last 7 days, today included)',
      description: `Every day of the range appears, with zeros where nothing happened; \`totals\` sums them. \`to\` defaults to today (UTC), \`from\` to six days before \`to\`; at most ${MAX_DAYS} days.`,
      caller: 'user',
      query: StatsQuery,
      rules: { to: 'is not before `from`', from: `is at most ${MAX_DAYS} days before \`to\` (both included)` },
      responses: {
        200: { description: 'the days of the range, oldest first, and their totals', content: StatsReport },
        422: problemAnswer(`a date that is not a real day YYYY-MM-DD, an unknown parameter, \`from\` after \`to\`, or more than ${MAX_DAYS} days; \`errors\` names each parameter`),
      },
    },
  ],
};
