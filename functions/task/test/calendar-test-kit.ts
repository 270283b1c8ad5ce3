import { startTaskKit } from './task-test-kit';
import type { CalendarRouteOptions } from '../src/calendar/calendar-routes';

/** The task function's test kit (the calendar routes with `options`), and the calls a calendar app makes. */
export async function startCalendarKit(options: CalendarRouteOptions = {}) {
  const kit = await startTaskKit({ calendar: options });
  return {
    ...kit,
    /** Creates (or rotates) the user's feed and gives its path. */
    async feedPath(userId: string): Promise<string> {
      const created = await kit.call(userId, 'POST', '/calendar/feed');
      if (created.status !== 201) throw new Error(`POST /calendar/feed answered ${created.status}`);
      return created.body.path as string;
    },
    /** A GET of the feed as a calendar app sends it: no credential but the path. */
    async poll(path: string, headers: Record<string, string> = {}) {
      const response = await kit.app.request(path, { headers });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}
export type CalendarKit = Awaited<ReturnType<typeof startCalendarKit>>;
