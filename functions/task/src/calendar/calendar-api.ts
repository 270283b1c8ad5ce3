import * as z from 'zod/mini';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { RouteContract } from '#shared/http/openapi/route-contract';
import { FEED_CACHE_CONTROL } from './calendar-routes';
import { FEED_TASK_LIMIT } from './feed-tasks';

/** The answer that creates or rotates a feed: the only time its token is shown. */
export const CalendarFeedCreated = z.object({
  path: z.string().check(z.regex(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)),
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  createdAt: z.iso.datetime(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** Whether the user has a feed, and since when (never its token). */
export const CalendarFeedState = z.object({ exists: z.boolean(), createdAt: z.nullable(z.iso.datetime()) });
export type CalendarFeedState = z.infer<typeof CalendarFeedState>;

const NO_FEED = problemAnswer('no such calendar feed: an unknown, revoked or malformed token all answer the same');
const CACHING = {
  ETag: { description: 'a strong entity tag of the feed’s content; send it back in If-None-Match' },
  'Cache-Control': { description: `\`${FEED_CACHE_CONTROL}\`` },
};

/** The calendar feed's routes, for the task function's API description. */
export const CALENDAR_API_ROUTES: RouteContract[] = [
  {
    method: 'post',
    path: '/calendar/feed',
    operationId: 'createCalendarFeed',
    summary: 'Create the calendar feed, or rotate its secret URL',
    description: 'Rotating stops the old URL at once. The token is shown in this answer only; the server keeps its SHA-256.',
    caller: 'user',
    responses: { 201: { description: 'the feed’s path and token', content: CalendarFeedCreated, headers: { Location: { description: '/calendar/feed' } } } },
  },
  { method: 'get', path: '/calendar/feed', operationId: 'getCalendarFeed', summary: 'Whether the user has a calendar feed, and since when', caller: 'user', responses: { 200: { description: 'the feed’s state', content: CalendarFeedState } } },
  { method: 'delete', path: '/calendar/feed', operationId: 'deleteCalendarFeed', summary: 'Revoke the calendar feed', caller: 'user', responses: { 204: { description: 'revoked: its URL answers 404' }, 404: problemAnswer('the user has no calendar feed') } },
  {
    method: 'get',
    path: '/calendar/:file',
    operationId: 'readCalendarFeed',
    summary: 'The calendar feed (iCalendar, RFC 5545) for calendar apps',
    description: `\`file\` is \`<token>.ics\`; the secret token is the only credential. The user's pending tasks with a due time, the ${FEED_TASK_LIMIT} due soonest, as VEVENTs with RRULE, VTIMEZONE and VALARM.`,
    caller: 'anyone',
    pathParameters: { file: z.string() },
    headers: [{ name: 'If-None-Match', description: 'the ETag of an earlier answer: 304 while the feed is unchanged' }],
    responses: {
      200: { description: 'the feed', content: { mediaType: 'text/calendar', schema: { type: 'string' } }, headers: CACHING },
      304: { description: 'unchanged since the ETag If-None-Match names', headers: CACHING },
      404: NO_FEED,
    },
  },
];
