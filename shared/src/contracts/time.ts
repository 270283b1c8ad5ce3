import * as z from 'zod/mini';
import './english-errors';

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
  .check(z.refine(isRealInstant, 'must be an RFC 3339 date-time with an offset, e.g. 2026-05-01T09:00:00+02:00, naming a real date'));

// Weeks, days, hours, minutes, seconds; at most 20 digits each (the limit luxon, used before, had).
const ISO_DURATION = /^P(?!$)(?:(\d{1,20})W)?(?:(\d{1,20})D)?(?:T(?=\d)(?:(\d{1,20})H)?(?:(\d{1,20})M)?(?:(\d{1,20})S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

/** A positive ISO 8601 duration such as `PT15M` or `P1D` (no years or months: their length varies). */
export const IsoDuration = z
  .string()
  .check(
    z.maxLength(40),
    z.refine((value) => ISO_DURATION.test(value), 'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. PT15M or P1D'),
  );

/** An IANA time zone name the runtime knows, e.g. `Europe/Berlin`. */
export const TimeZone = z.string().check(
  z.minLength(1),
  z.maxLength(64),
  z.refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin'),
);

/** The length of an {@link IsoDuration} in milliseconds (a day is 24 hours); `NaN` for anything else. */
export function durationMs(isoDuration: string): number {
  const match = ISO_DURATION.exec(isoDuration);
  if (!match) return Number.NaN;
  return UNIT_MS.reduce((total, unitMs, index) => total + Number(match[index + 1] ?? 0) * unitMs, 0);
}
