import type { ReminderDelivered } from '#shared/events/reminder-events';

const MINUTE = 60_000;
const UNITS = [
  ['day', 24 * 60 * MINUTE],
  ['hour', 60 * MINUTE],
  ['minute', MINUTE],
] as const;

/** `1 day 2 hours`, `15 minutes`: the two largest units of a duration, to the minute. */
export function humanDuration(ms: number): string {
  let left = Math.round(ms / MINUTE) * MINUTE;
  const parts: string[] = [];
  for (const [name, size] of UNITS) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
  }
  return parts.join(' ') || 'less than a minute';
}

/** `2026-05-01 09:00 UTC`: an instant the way a person reads it (no zone is known for the user here). */
export const readableInstant = (instant: string) => `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * What a delivered reminder says, from the moment it is delivered: `Due in 15 minutes (2026-05-01
 * 09:00 UTC)`, `Due now (…)`, `Was due 2 hours ago (…)` when it comes late, or the reminder's own
 * time for a task without a due time.
 */
export function reminderBody(data: ReminderDelivered['data']): string {
  const late = data.late ? '; this reminder is late' : '';
  if (!data.dueAt) return `Reminder set for ${readableInstant(data.remindAt)}${late}`;
  const left = Date.parse(data.dueAt) - Date.parse(data.deliveredAt);
  const when = Math.abs(left) < MINUTE ? 'Due now' : left > 0 ? `Due in ${humanDuration(left)}` : `Was due ${humanDuration(-left)} ago`;
  return `${when} (${readableInstant(data.dueAt)})${late}`;
}
