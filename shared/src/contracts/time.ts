import { Duration } from 'luxon';
import { z } from 'zod';

const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function isRealInstant(value: string): boolean {
  const match = RFC3339_WITH_OFFSET.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= daysInMonth && h! <= 23 && mi! <= 59 && s! <= 59;
}

/** An RFC 3339 timestamp with an explicit offset (`Z` or `±hh:mm`) naming a real calendar instant. */
export const Rfc3339 = z
  .string()
  .refine(isRealInstant, 'must be an RFC 3339 date-time with an offset, e.g. 2026-05-01T09:00:00+02:00, naming a real date');

/** A positive ISO 8601 duration such as `PT15M` or `P1D` (no years or months: their length varies). */
export const IsoDuration = z
  .string()
  .max(40)
  .refine((value) => {
    if (!/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(value)) return false;
    const duration = Duration.fromISO(value);
    return duration.isValid && duration.as('milliseconds') >= 0;
  }, 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. PT15M or P1D');

/** An IANA time zone name the runtime knows, e.g. `Europe/Berlin`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');

export function durationMs(isoDuration: string): number {
  return Duration.fromISO(isoDuration).as('milliseconds');
}
