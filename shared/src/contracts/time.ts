import * as z from 'zod/mini';
import './english-errors';
import { LATEST_INSTANT_MS } from '../time/latest-instant';

const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/** The first instant the system reads or stores: years 0001-9999 UTC fit Postgres `timestamptz` and JS `Date` alike. */
export const EARLIEST_INSTANT_MS = utcMs(1, 1, 1, 0, 0, 0);

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/** Milliseconds since the epoch of a calendar reading taken as UTC; `Date.UTC` would read years 0-99 as 1900-1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/**
 * The instant an RFC 3339 timestamp names, in whole seconds as epoch milliseconds; `NaN` unless it is
 * a real calendar date and time, its offset is at most ±23:59, and both its own reading and the
 * instant lie within years 0001-9999.
 */
export function rfc3339Ms(value: string): number {
  const match = RFC3339_WITH_OFFSET.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const real = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!real || offsetHours > 23 || offsetMinutes > 59) return Number.NaN;
  const offsetMs = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = utcMs(year, month, day, hour, minute, second) - offsetMs;
  return ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS ? ms : Number.NaN;
}

/**
 * An RFC 3339 timestamp with an explicit offset (`Z` or `±hh:mm`, hours 00-23, minutes 00-59) naming
 * a real calendar instant within years 0001-9999 UTC. `-00:00` is accepted: RFC 3339 §4.3 gives it
 * the same instant as `Z` (only the local offset is unknown), and the system keeps instants in UTC.
 */
export const Rfc3339 = z
  .string()
  .check(
    z.refine(
      (value) => !Number.isNaN(rfc3339Ms(value)),
      'must be an RFC 3339 date-time with an offset, e.g. 2026-05-01T09:00:00+02:00, naming a real date in years 0001-9999 (offsets up to ±23:59)',
    ),
  );

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

// What an API description says of each; the refinements above remain the rule.
z.globalRegistry.add(Rfc3339, { format: 'date-time', description: 'RFC 3339 with an offset, years 0001-9999', examples: ['2026-05-01T09:00:00+02:00'] });
z.globalRegistry.add(IsoDuration, { pattern: ISO_DURATION.source, description: 'ISO 8601 duration in weeks, days, hours, minutes or seconds', examples: ['PT15M', 'P1D'] });
// The names the runtime lists (ICU's canonical ones, e.g. Asia/Calcutta), or another name of the same
// shape: the runtime also knows aliases it does not list (Asia/Kolkata), which no schema can enumerate.
const LISTED_TIME_ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'].sort();
const TIME_ZONE_SHAPE = '^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+)$';
z.globalRegistry.add(TimeZone, {
  id: 'TimeZone',
  description: 'an IANA time zone this runtime knows: one it lists, or an alias of one',
  anyOf: [{ enum: LISTED_TIME_ZONES }, { pattern: TIME_ZONE_SHAPE }],
  examples: ['Europe/Berlin'],
});

/** The rule an API description gives for a time zone field beyond its schema. */
export const TIME_ZONE_RULE = 'is a time zone this runtime knows (a listed name, or an alias such as Asia/Kolkata)';
