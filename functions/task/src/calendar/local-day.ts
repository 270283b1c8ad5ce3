import { offsetSeconds, utcFields, utcInstant } from './zone-clock';
import { transitionsInYear } from './zone-transitions';

/** Further from UTC than any zone has ever been (local mean times included). */
const REACH_MS = 16 * 3_600_000;

/**
 * The last whole second whose wall-clock date in `zone` is on or before the given date: the end of
 * that day there, also when the next day begins in a DST gap or a change takes the clock back
 * across midnight. Between two offset changes the date only moves forward, so each stretch of one
 * offset gives its own last second and the latest of them is the answer.
 */
export function lastSecondOfLocalDay(zone: string, date: { year: number; month: number; day: number }): number {
  const nextDay = utcFields(utcInstant({ ...date, hour: 0, minute: 0, second: 0 }) + 86_400_000);
  const midnight = utcInstant(nextDay);
  const from = midnight - REACH_MS;
  const to = midnight + REACH_MS;
  const years = new Set([utcFields(from).year, utcFields(to).year]);
  const changes = [...years].flatMap((year) => transitionsInYear(zone, year)).filter(({ atMs }) => atMs > from && atMs < to);
  const bounds = [from, ...changes.map(({ atMs }) => atMs), to];
  let last = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < bounds.length - 1; index++) {
    const start = bounds[index]!;
    const end = bounds[index + 1]!;
    const candidate = Math.min(end, midnight - offsetSeconds(zone, start) * 1000) - 1000;
    if (candidate >= start) last = Math.max(last, candidate);
  }
  return last;
}
