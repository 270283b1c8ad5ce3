import type { Task } from '#shared/contracts/task';
import { contentLine, foldLine, joinLines } from './ics-text';
import { taskEvent } from './task-event';
import { vtimezone } from './vtimezone';

/** How often a calendar app should look again (RFC 7986 §5.7; Outlook reads X-PUBLISHED-TTL). */
export const REFRESH_INTERVAL = 'PT15M';

/**
 * The whole iCalendar object of a feed (RFC 5545): one VEVENT per task (see `taskEvent`), and one
 * VTIMEZONE for every zone a repeating task's DTSTART names, covering the earliest of them. Lines end
 * with CRLF and are folded at 75 octets. The same tasks at the same versions always give the same
 * bytes (with the same time-zone data).
 */
export function feedCalendar(tasks: readonly (Task & { dueAt: string })[]): string {
  const events = tasks.map(taskEvent);
  const zones = new Map<string, number>();
  for (const { zone } of events) {
    if (zone) zones.set(zone.name, Math.min(zone.fromYear, zones.get(zone.name) ?? zone.fromYear));
  }
  return joinLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...contentLine('PRODID', '-//todo-functions//task calendar feed//EN'),
    'CALSCALE:GREGORIAN',
    'NAME:Tasks',
    'X-WR-CALNAME:Tasks',
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH_INTERVAL}`,
    `X-PUBLISHED-TTL:${REFRESH_INTERVAL}`,
    ...[...zones].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([zone, fromYear]) => vtimezone(zone, fromYear).flatMap(foldLine)),
    ...events.flatMap(({ lines }) => lines),
    'END:VCALENDAR',
  ]);
}
