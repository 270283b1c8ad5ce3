import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import { requireUser } from '#shared/http/auth';
import { notFound } from '#shared/http/problem';
import { parseOr422, readJson } from '#shared/http/read-json';
import { decodeCursor, encodeCursor } from './reminder-cursor';
import { publicReminder } from './reminder';
import type { ReminderDeps } from './reminder-deps';
import { ReminderQuery, ScheduleReminder } from './reminder-requests';
import { listReminders } from './reminder-store';
import { scheduleExtraReminder } from './schedule-extra';

type Env = SignedInEnv;

const DEFAULT_LIMIT = 200;

/** The reminder REST API: every route acts for the authenticated user only. */
export function reminderRoutes(deps: ReminderDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/reminders', requireUser(deps.authenticate));
  app.use('/reminders/*', requireUser(deps.authenticate));

  app.get('/reminders', async (c) => {
    const { cursor, limit = DEFAULT_LIMIT, ...filter } = parseOr422(ReminderQuery, c.req.queries(), 'query');
    const page = await listReminders(deps.sql, deps.schema, c.var.user.id, { ...filter, limit: limit + 1, after: cursor ? decodeCursor(cursor) : undefined });
    const items = page.slice(0, limit);
    const last = items.at(-1);
    return c.json({ items: items.map(publicReminder), nextCursor: page.length > limit && last ? encodeCursor(last) : null });
  });

  app.post('/reminders/schedule', async (c) => {
    const body = await readJson(c, ScheduleReminder);
    const reminder = await scheduleExtraReminder(deps, { userId: c.var.user.id, traceparent: c.var.traceparent }, body);
    if (!reminder) throw notFound('task');
    return c.json(publicReminder(reminder), 201);
  });

  return app;
}
