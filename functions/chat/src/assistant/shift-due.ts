import { addDays, formatInZone, instantOf, wallClockAt } from '../time/zoned-time';

const PARTS = /^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * `dueAt` moved by an ISO 8601 duration ("P1D", "-PT30M") in the user's zone: days and weeks move the
 * calendar day and keep the wall-clock time (across a daylight-saving change too); hours and minutes
 * move the instant.
 */
export function shiftedDue(dueAt: string, duration: string, timeZone: string): string {
  const match = PARTS.exec(duration);
  if (!match) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const sign = match[1] ? -1 : 1;
  const [weeks, days, hours, minutes, seconds] = match.slice(2).map((value) => Number(value ?? 0));
  const wall = wallClockAt(new Date(dueAt), timeZone);
  const day = addDays(wall, sign * (weeks! * 7 + days!));
  const moved = instantOf({ ...wall, ...day }, timeZone).getTime() + sign * ((hours! * 60 + minutes!) * 60 + seconds!) * 1000;
  return formatInZone(new Date(moved), timeZone);
}

/** The calendar day of `newDue` at the wall-clock time of `currentDue`, in the user's zone ("move it to friday" keeps 19:00). */
export function onDayKeepingTime(newDue: string, currentDue: string, timeZone: string): string {
  const day = wallClockAt(new Date(newDue), timeZone);
  const time = wallClockAt(new Date(currentDue), timeZone);
  return formatInZone(instantOf({ ...time, year: day.year, month: day.month, day: day.day }, timeZone), timeZone);
}

/** `currentDue` moved to another day of its own month, keeping its time; undefined when the month has no such day. */
export function onDayOfMonth(currentDue: string, day: number, timeZone: string): string | undefined {
  const wall = wallClockAt(new Date(currentDue), timeZone);
  if (day > new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate()) return undefined;
  return formatInZone(instantOf({ ...wall, day }, timeZone), timeZone);
}

/**
 * `currentDue`'s day (today when there is none) at a new time of day. Without am/pm ("make it 7"),
 * the reading (7:00 or 19:00) nearest the old time of day, or the next one to come when there was none.
 */
export function atTimeOfDay(currentDue: string | null | undefined, time: { hour: number; minute: number; eitherHalf?: true }, timeZone: string, now: Date): string {
  const base = wallClockAt(currentDue ? new Date(currentDue) : now, timeZone);
  const readings = time.eitherHalf && time.hour < 12 ? [time.hour, time.hour + 12] : [time.hour];
  const instants = readings.map((hour) => instantOf({ ...base, hour, minute: time.minute }, timeZone));
  const chosen = currentDue
    ? instants.reduce((best, next) => (Math.abs(next.getTime() - new Date(currentDue).getTime()) < Math.abs(best.getTime() - new Date(currentDue).getTime()) ? next : best))
    : (instants.find((instant) => instant >= now) ?? instants[0]!);
  return formatInZone(chosen, timeZone);
}
