import type { QuietHours } from './preferences';

const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

function isQuiet(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The instant quiet hours end when `now` falls inside them, else null. Windows may cross midnight
 * (22:00–07:00); the end is found on the wall clock of the zone, daylight-saving changes included.
 */
export function quietUntil(hours: QuietHours | null, now: Date): Date | null {
  if (!hours) return null;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const minute = localMinutes(now, hours.timezone);
  if (!isQuiet(minute, start, end)) return null;
  const startOfMinute = now.getTime() - (now.getTime() % MINUTE_MS);
  let candidate = new Date(startOfMinute + ((end - minute + DAY_MINUTES) % DAY_MINUTES) * MINUTE_MS);
  // A daylight-saving change inside the window moves the wall clock; correct by what it shows at the candidate.
  const drift = ((end - localMinutes(candidate, hours.timezone) + DAY_MINUTES + DAY_MINUTES / 2) % DAY_MINUTES) - DAY_MINUTES / 2;
  if (drift !== 0) candidate = new Date(candidate.getTime() + drift * MINUTE_MS);
  return candidate;
}
