import { RRuleTemporal } from 'rrule-temporal';
import type { RecurrenceRule } from './recurrence-rule';

const WRITTEN = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** A wall-clock reading as a Temporal.PlainDateTime of the library's own Temporal. */
function plain(local: string) {
  return new RRuleTemporal({ freq: 'DAILY', count: 1, dtstart: { timeZoneId: 'UTC', toString: () => `${local}Z[UTC]` } }).all()[0]!.toPlainDateTime();
}

/**
 * The wall-clock time an RFC 3339 due time was written with (`2026-03-29T02:30:00+01:00` →
 * `2026-03-29T02:30:00`) when `zone` skips that time — it lies in a spring-forward gap — and the
 * instant is that time read with the offset before or after the gap; otherwise undefined.
 */
export function skippedWallClock(written: string, zone: string): string | undefined {
  const match = WRITTEN.exec(written);
  if (!match) return undefined;
  const local = `${match[1]}T${match[2]}`;
  const wallClock = plain(local);
  const compatible = wallClock.toZonedDateTime(zone, { disambiguation: 'compatible' });
  if (compatible.toPlainDateTime().equals(wallClock)) return undefined;
  const instant = Date.parse(written);
  const readings = [compatible, wallClock.toZonedDateTime(zone, { disambiguation: 'earlier' })].map((zoned) => zoned.epochMilliseconds);
  return readings.includes(instant) ? local : undefined;
}

/**
 * RFC 5545 §3.3.5: a first due time the zone skips (02:30 on the night the clocks spring forward) is
 * read with the offset before the gap, 03:30 — yet the series goes on at 02:30 from the next day.
 * Tasks keep instants, so that wall clock is kept beside the instant as `recurrence.localStart`, set
 * from the due time as written and never taken from the client; every other task goes without it.
 */
export function withGapStart<R extends RecurrenceRule>(recurrence: R, writtenDueAt: string | null | undefined): R {
  const { localStart: _given, ...rest } = recurrence;
  const localStart = writtenDueAt ? skippedWallClock(writtenDueAt, recurrence.timezone) : undefined;
  return (localStart ? { ...rest, localStart } : rest) as R;
}
