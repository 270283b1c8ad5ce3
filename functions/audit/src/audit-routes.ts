import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { requireUser } from '#shared/http/auth';
import { parseQuery } from '#shared/http/parse-query';
import type { AuditDeps } from './audit-deps';
import { HistoryQuery, TaskHistoryQuery } from './history-query';
import { listHistory } from './list-history';
import { verifyUserChain } from './verify-audit';

type Env = SignedInEnv;

/** The audit API: a user reads and verifies their own activity history only. */
export function auditRoutes(deps: AuditDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/audit', requireUser(deps.authenticate));
  app.use('/audit/*', requireUser(deps.authenticate));

  const history = (userId: string, query: HistoryQuery) => listHistory(deps.sql, deps.schema, userId, query);

  app.get('/audit', async (c) => c.json(await history(c.var.user.id, parseQuery(HistoryQuery, c.req.queries()))));

  app.get('/audit/tasks/:taskId', async (c) => {
    const query = parseQuery(TaskHistoryQuery, c.req.queries());
    const taskId = parseQuery(z.object({ taskId: z.uuid() }), { taskId: c.req.param('taskId') }).taskId;
    return c.json(await history(c.var.user.id, { order: 'asc', ...query, taskId }));
  });

  app.get('/audit/verify', async (c) => {
    parseQuery(z.strictObject({}), c.req.queries());
    return c.json(await verifyUserChain(deps.sql, deps.schema, c.var.user.id));
  });

  return app;
}
