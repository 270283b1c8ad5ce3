import type { Priority, Task } from '#shared/contracts/task';
import { alarmTrigger } from './alarm-trigger';
import { contentLine, escapeText } from './ics-text';
import { utcDateTime } from './ics-values';
import { seriesSchedule } from './series-schedule';

/**
 * RFC 5545 §3.8.1.9: 1 is the highest, 9 the lowest; 1–4 read as "high", 5 as "medium", 6–9 as
 * "low" by calendars with three levels, so urgent and high stay apart and in order.
 */
export const ICAL_PRIORITY: Record<Priority, number> = { urgent: 1, high: 3, medium: 5, low: 9 };

/** A VEVENT and, for a repeating one, the zone and year its VTIMEZONE must cover from. */
export interface TaskEvent {
  lines: string[];
  zone: { name: string; fromYear: number } | null;
}

/** The DTSTART and RRULE lines: in the recurrence's zone for a series, else in UTC. */
function schedule(task: Task & { dueAt: string }): TaskEvent {
  const series = seriesSchedule(task);
  if (series && task.recurrence) return { zone: { name: task.recurrence.timezone, fromYear: series.fromYear }, lines: series.lines };
  return { zone: null, lines: contentLine('DTSTART', utcDateTime(Date.parse(task.dueAt))) };
}

function alarm(title: string, reminder: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', ...contentLine('DESCRIPTION', escapeText(title)), ...contentLine('TRIGGER', alarmTrigger(reminder)), 'END:VALARM'];
}

/**
 * A pending task with a due time as a VEVENT at its due time, folded line by line. A VEVENT, not a
 * VTODO: Google Calendar, Outlook and Apple Calendar show only events from a subscribed feed. It has
 * no length (no DTEND: it ends where it starts, §3.6.1) and is TRANSPARENT, so it never blocks time in
 * free/busy. DTSTAMP is the task's last change, as §3.8.7.2 asks of a feed without METHOD, so the
 * same task versions always give the same bytes.
 */
export function taskEvent(task: Task & { dueAt: string }): TaskEvent {
  const { zone, lines } = schedule(task);
  return {
    zone,
    lines: [
      'BEGIN:VEVENT',
      ...contentLine('UID', task.id),
      ...contentLine('DTSTAMP', utcDateTime(Date.parse(task.updatedAt))),
      ...contentLine('CREATED', utcDateTime(Date.parse(task.createdAt))),
      ...contentLine('LAST-MODIFIED', utcDateTime(Date.parse(task.updatedAt))),
      ...contentLine('SEQUENCE', String(task.version - 1)),
      ...lines,
      ...contentLine('SUMMARY', escapeText(task.title)),
      ...(task.description ? contentLine('DESCRIPTION', escapeText(task.description)) : []),
      ...(task.tags.length > 0 ? contentLine('CATEGORIES', task.tags.map(escapeText).join(',')) : []),
      ...contentLine('PRIORITY', String(ICAL_PRIORITY[task.priority])),
      'TRANSP:TRANSPARENT',
      ...task.reminders.flatMap((reminder) => alarm(task.title, reminder)),
      'END:VEVENT',
    ],
  };
}
