import { zoneFormat } from './zone-formats';

/** A wall-clock reading in some time zone (month 1–12, weekday 0 = Sunday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** `5/2/2026, 17:00:05`: what the wall-clock format writes, read back without formatToParts (a third of its cost). */
const WRITTEN = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

type Reading = Readonly<WallClock & { second: number }>;

/** Recent readings: parsing one message asks for the same instants (now, the days around it) again and again. */
const recent = new Map<string, Reading>();
const RECENT_READINGS = 256;

function readParts(instant: Date, timeZone: string): Reading {
  const key = `${instant.getTime()} ${timeZone}`;
  let reading = recent.get(key);
  if (!reading) {
    if (recent.size >= RECENT_READINGS) recent.clear();
    reading = read(instant, timeZone);
    recent.set(key, reading);
  }
  return reading;
}

function read(instant: Date, timeZone: string): Reading {
  const format = zoneFormat('wallClock', timeZone);
  const written = WRITTEN.exec(format.format(instant));
  if (written) {
    const [, month, day, year, hour, minute, second] = written.map(Number) as number[];
    return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
  }
  // Years before 1000 or after 9999 are written otherwise.
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The wall clock in `timeZone` at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const { second: _second, ...wall } = readParts(instant, timeZone);
  return wall;
}

/** Minutes east of UTC in `timeZone` at `instant` (+120 for Berlin in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const wall = readParts(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time names in `timeZone`. A time skipped by a clock change moves forward
 * by the gap (02:30 → 03:30); a time that happens twice means the earlier one (as Temporal's 'compatible').
 */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetBefore = offsetMinutes(new Date(asUtc - 86_400_000), timeZone);
  const offsetAfter = offsetMinutes(new Date(asUtc + 86_400_000), timeZone);
  const fits = [offsetBefore, offsetAfter]
    .map((offset) => asUtc - offset * 60_000)
    .filter((candidate) => offsetMinutes(new Date(candidate), timeZone) * 60_000 === asUtc - candidate)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? asUtc - offsetBefore * 60_000);
}

const two = (value: number) => String(value).padStart(2, '0');

/** RFC 3339 with the zone's offset at that instant: `2026-05-07T17:00:00+02:00`. */
export function formatInZone(instant: Date, timeZone: string): string {
  const wall = readParts(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** The calendar day `days` after `day` (negative goes back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Midnight at the start of `day` in `timeZone`, as RFC 3339 with the offset. */
export function startOfDay(day: CalendarDay, timeZone: string): string {
  return formatInZone(instantOf({ ...day, hour: 0, minute: 0 }, timeZone), timeZone);
}
