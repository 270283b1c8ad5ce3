import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import { requireUser } from '#shared/http/auth';
import { invalidQuery, parseQuery } from '#shared/http/parse-query';
import { rangeOf, statsReport } from './decide';
import type { StatsDeps } from './stats-deps';
import { StatsQuery } from './stats-query';
import { storedDays } from './stats-store';

type Env = SignedInEnv;

/** The stats API: a user reads their own daily counts only. */
export function statsRoutes(deps: StatsDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/stats', requireUser(deps.authenticate));

  app.get('/stats', async (c) => {
    const decision = rangeOf(parseQuery(StatsQuery, c.req.queries()), deps.clock());
    if (!decision.ok) throw invalidQuery(decision.errors);
    const stored = await storedDays(deps.sql, deps.schema, c.var.user.id, decision.range);
    return c.json(statsReport(decision.range, stored));
  });

  return app;
}
