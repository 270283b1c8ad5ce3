import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import { requireUser } from '#shared/http/auth';
import { notFound, Problem } from '#shared/http/problem';
import type { TaskDeps } from '../task-deps';
import { feedCalendar } from './feed-calendar';
import { bodyEntityTag, entityTagMemo, feedFingerprint, noneMatch } from './feed-entity-tag';
import { deleteFeed, feedCreatedAt, feedOwner, saveFeed } from './feed-store';
import { FEED_TASK_LIMIT, feedTasks, feedVersions } from './feed-tasks';
import { feedPath, feedTokenHash, newFeedToken, tokenOfFeedFile } from './feed-token';

type Env = SignedInEnv;

/** Calendar apps may keep a feed 5 minutes before they ask again (with If-None-Match); no shared cache may keep it. */
export const FEED_CACHE_CONTROL = 'private, max-age=300';
const CACHING = { 'Cache-Control': FEED_CACHE_CONTROL };

export interface CalendarRouteOptions {
  /** At most this many tasks per feed (default {@link FEED_TASK_LIMIT}). */
  taskLimit?: number;
}

/**
 * The calendar feed: `POST`, `GET`, `DELETE /calendar/feed` manage the signed-in user's feed;
 * `GET /calendar/{token}.ics` is the feed itself, for calendar apps, with the secret token in the URL
 * as its only credential. An unknown, revoked or malformed token is the same 404.
 */
export function calendarRoutes(deps: TaskDeps, options: CalendarRouteOptions = {}): Hono<Env> {
  const app = new Hono<Env>();
  const limit = options.taskLimit ?? FEED_TASK_LIMIT;
  const entityTags = entityTagMemo();
  app.use('/calendar/feed', requireUser(deps.authenticate));

  app.post('/calendar/feed', async (c) => {
    const token = newFeedToken();
    const createdAt = deps.clock();
    await saveFeed(deps.sql, deps.schema, c.var.user.id, feedTokenHash(token), createdAt);
    c.header('Cache-Control', 'no-store');
    c.header('Location', '/calendar/feed');
    return c.json({ path: feedPath(token), token, createdAt: createdAt.toISOString() }, 201);
  });

  app.get('/calendar/feed', async (c) => {
    const createdAt = await feedCreatedAt(deps.sql, deps.schema, c.var.user.id);
    return c.json({ exists: createdAt !== null, createdAt: createdAt?.toISOString() ?? null });
  });

  app.delete('/calendar/feed', async (c) => {
    if (!(await deleteFeed(deps.sql, deps.schema, c.var.user.id))) throw notFound('calendar feed');
    return c.body(null, 204);
  });

  app.get('/calendar/:file', async (c) => {
    try {
      const token = tokenOfFeedFile(c.req.param('file'));
      const owner = token === null ? null : await feedOwner(deps.sql, deps.schema, feedTokenHash(token));
      if (owner === null) throw notFound('calendar feed');
      const ifNoneMatch = c.req.header('if-none-match');
      const known = entityTags.get(feedFingerprint(await feedVersions(deps.sql, deps.schema, owner, limit)));
      if (known && noneMatch(ifNoneMatch, known)) return c.body(null, 304, { ...CACHING, ETag: known });
      const tasks = await feedTasks(deps.sql, deps.schema, owner, limit);
      const body = feedCalendar(tasks);
      const entityTag = bodyEntityTag(body);
      entityTags.set(feedFingerprint(tasks), entityTag);
      if (noneMatch(ifNoneMatch, entityTag)) return c.body(null, 304, { ...CACHING, ETag: entityTag });
      return c.body(body, 200, { ...CACHING, ETag: entityTag, 'Content-Type': 'text/calendar; charset=utf-8' });
    } catch (error) {
      if (error instanceof Problem) throw error;
      // The path holds the secret token, so this failure is logged without it.
      c.var.log.error({ err: error, route: '/calendar/{token}.ics' }, 'calendar feed failed');
      throw new Problem(500, 'Internal Server Error', 'something went wrong on our side; it was logged');
    }
  });

  return app;
}
