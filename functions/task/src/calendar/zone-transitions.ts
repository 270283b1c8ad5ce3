import { offsetSeconds, utcInstant } from './zone-clock';

/** A change of a zone's UTC offset: at `atMs` the offset goes from `fromSeconds` to `toSeconds`. */
export interface Transition {
  atMs: number;
  fromSeconds: number;
  toSeconds: number;
}

/**
 * The zone is sampled every 3 days: less than the shortest time between two offset changes of any
 * zone since 1900 (7 days, America/Boa_Vista in 2000), so no change back and forth hides between two
 * samples. A change is then narrowed down to its minute (no zone changes at a second since 1972).
 */
const STEP_MS = 3 * 86_400_000;
const MINUTE_MS = 60_000;
/** Zone-years kept; each is a few transitions, and computing one costs about half a millisecond. */
const MAX_MEMO = 20_000;
const memo = new Map<string, readonly Transition[]>();

function narrowed(zone: string, beforeMs: number, afterMs: number, fromSeconds: number): number {
  let low = beforeMs;
  let high = afterMs;
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetSeconds(zone, middle) === fromSeconds) low = middle;
    else high = middle;
  }
  return high;
}

function scan(zone: string, year: number): Transition[] {
  const start = utcInstant({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const end = utcInstant({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const transitions: Transition[] = [];
  let before = start;
  let offset = offsetSeconds(zone, start);
  while (before < end) {
    const after = Math.min(before + STEP_MS, end);
    const next = offsetSeconds(zone, after);
    if (next !== offset) {
      const atMs = narrowed(zone, before, after, offset);
      transitions.push({ atMs, fromSeconds: offset, toSeconds: offsetSeconds(zone, atMs) });
    }
    before = after;
    offset = next;
  }
  return transitions;
}

/** The offset changes of `zone` in one UTC calendar year, oldest first (remembered per zone and year). */
export function transitionsInYear(zone: string, year: number): readonly Transition[] {
  const key = `${zone} ${year}`;
  let transitions = memo.get(key);
  if (!transitions) {
    transitions = scan(zone, year);
    if (memo.size >= MAX_MEMO) memo.delete(memo.keys().next().value!);
    memo.set(key, transitions);
  }
  return transitions;
}
