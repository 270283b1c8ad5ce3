import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';
import { requireUser } from '#shared/http/auth';
import { notFound } from '#shared/http/problem';
import { parseOr422, readJson } from '#shared/http/read-json';
import { pageCursor } from '#shared/http/page-cursor';
import { mountEmailVerificationRoutes } from './email-verification/verification-routes';
import { type Actor, type AfterCommit, replacePreferences, sendToSelf } from './notification-commands';
import type { NotificationDeps } from './notification-deps';
import { ListQuery, SendNotification } from './notification-schemas';
import { listNotifications, markAllRead, markRead } from './notification-store';
import { toView } from './notification';
import { preferencesInput, preferencesView } from './preferences';
import { loadPreferences } from './preferences-store';

/** What the notification routes see of a request: its context and the authenticated user. */

const NotificationId = z.uuid();
const cursor = pageCursor(z.object({ c: Rfc3339, i: z.uuid() }));

const notificationCursor = (createdAt: string, id: string) => cursor.encode({ c: createdAt, i: id });

function decodeCursor(value: string): { createdAt: string; id: string } {
  const { c, i } = cursor.decode(value);
  return { createdAt: c, id: i };
}

/** The words after `/notifications/` that name this API's own paths (`POST /notifications/send`), never a user. */
export const OWN_PATHS = ['send', 'read-all', 'preferences'];
/** A user's notifications: any segment but those words, so `GET /notifications/send` is a 405, as for any path served only for POST. */
export const USER_NOTIFICATIONS_PATH = `/notifications/:userId{(?!(?:${OWN_PATHS.join('|')})$)[^/]+}`;

/** The notification REST API: every route acts for the authenticated user only. */
export function notificationRoutes(deps: NotificationDeps, afterCommit: AfterCommit): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  const PreferencesInput = preferencesInput({ allowPrivateTargets: deps.allowPrivateTargets });
  const actor = (c: { var: SignedInEnv['Variables'] }): Actor => ({ userId: c.var.user.id, traceparent: c.var.traceparent });
  app.use('/notifications', requireUser(deps.authenticate));
  app.use('/notifications/*', requireUser(deps.authenticate));

  app.get('/notifications/preferences', async (c) => c.json(preferencesView(await loadPreferences(deps.sql, deps.schema, c.var.user.id))));

  app.put('/notifications/preferences', async (c) => {
    const input = await readJson(c, PreferencesInput);
    const { preferences, revealSecret } = await replacePreferences(deps, c.var.user.id, input);
    return c.json(preferencesView(preferences, revealSecret));
  });

  mountEmailVerificationRoutes(app, deps);

  app.post('/notifications/send', async (c) => {
    const input = await readJson(c, SendNotification);
    const notifications = await sendToSelf(deps, afterCommit, actor(c), input);
    return c.json({ items: notifications.map(toView) }, 201);
  });

  app.post('/notifications/read-all', async (c) => c.json({ read: await markAllRead(deps.sql, deps.schema, c.var.user.id, deps.clock()) }));

  app.post('/notifications/:id/read', async (c) => {
    const id = c.req.param('id');
    if (!NotificationId.safeParse(id).success) throw notFound('notification');
    const notification = await markRead(deps.sql, deps.schema, c.var.user.id, id, deps.clock());
    if (!notification) throw notFound('notification');
    return c.json(toView(notification));
  });

  app.get(USER_NOTIFICATIONS_PATH, async (c) => {
    // Another user's list answers exactly like an unknown user's.
    if (c.req.param('userId') !== c.var.user.id) throw notFound('user');
    const query = parseOr422(ListQuery, c.req.queries(), 'query');
    const limit = query.limit ?? 50;
    const page = await listNotifications(deps.sql, deps.schema, c.var.user.id, {
      limit: limit + 1,
      unread: query.unread === 'true',
      channel: query.channel,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const items = page.slice(0, limit);
    const last = items.at(-1);
    return c.json({ items: items.map(toView), nextCursor: page.length > limit && last ? notificationCursor(last.createdAt, last.id) : null });
  });

  return app;
}
