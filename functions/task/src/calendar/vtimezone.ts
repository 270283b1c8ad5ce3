import { localDateTime, utcDateTime, utcOffset } from './ics-values';
import { offsetSeconds, utcFields, utcInstant, type WallClock } from './zone-clock';
import { type Transition, transitionsInYear } from './zone-transitions';

/**
 * Years of a zone's data written out from the earliest start that needs them; later dates follow the
 * yearly rules found in them, as the time-zone database itself continues its last rules.
 */
const WINDOW_YEARS = 8;
const LAST_YEAR = 9999;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

interface Onset {
  transition: Transition;
  /** The wall clock just before the change, which is how an observance's DTSTART is written (§3.6.5). */
  local: WallClock;
}

const daysInMonth = (year: number, month: number) => new Date(utcInstant({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0 })).getUTCDate();
const weekday = (local: WallClock) => WEEKDAYS[new Date(utcInstant({ ...local, hour: 0, minute: 0, second: 0 })).getUTCDay()]!;
const timeOfDay = (local: WallClock) => local.hour * 3600 + local.minute * 60 + local.second;

/** The yearly rule (`BYMONTH=3;BYDAY=-1SU`) every onset of the run follows, or null when there is none. */
function yearlyRule(run: readonly Onset[]): string | null {
  const [first] = run;
  if (!first) return null;
  const same = run.every(({ local }) => local.month === first.local.month && weekday(local) === weekday(first.local) && timeOfDay(local) === timeOfDay(first.local));
  const consecutive = run.every(({ local }, index) => local.year === first.local.year + index);
  if (!same || !consecutive) return null;
  const day = weekday(first.local);
  const month = `FREQ=YEARLY;BYMONTH=${first.local.month}`;
  const days = run.map(({ local }) => local.day);
  if (run.every(({ local }) => local.day + 7 > daysInMonth(local.year, local.month))) return `${month};BYDAY=-1${day}`;
  const nth = Math.ceil(days[0]! / 7);
  if (days.every((value) => Math.ceil(value / 7) === nth)) return `${month};BYDAY=${nth}${day}`;
  const earliest = Math.min(...days);
  if (Math.max(...days) > earliest + 6) return null;
  // "The Friday on or after the 23rd" (Israel's rule), which no weekday position names.
  return `${month};BYDAY=${day};BYMONTHDAY=${Array.from({ length: 7 }, (_, index) => earliest + index).join(',')}`;
}

/** Onsets of one kind of change, cut into runs that each follow one yearly rule (or stand alone). */
function runs(onsets: readonly Onset[]): Onset[][] {
  const result: Onset[][] = [];
  for (const onset of onsets) {
    const current = result.at(-1);
    if (current && yearlyRule([...current, onset])) current.push(onset);
    else result.push([onset]);
  }
  return result;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', start: WallClock, fromSeconds: number, toSeconds: number, rrule?: string): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${localDateTime(start)}`, `TZOFFSETFROM:${utcOffset(fromSeconds)}`, `TZOFFSETTO:${utcOffset(toSeconds)}`, ...(rrule ? [`RRULE:${rrule}`] : []), `END:${kind}`];
}

const kindOf = (fromSeconds: number, toSeconds: number) => (toSeconds > fromSeconds ? 'DAYLIGHT' : 'STANDARD');

/**
 * The VTIMEZONE (RFC 5545 §3.6.5) of an IANA zone for dates from `fromYear` on, from the runtime's
 * time-zone data: the same data the recurrence engine computes a series' instants with, so a calendar
 * shows a task at the instant the task function stores. The offset in force at the start of the year
 * before, then every change in the {@link WINDOW_YEARS} after it, each kind of change that repeats on
 * a yearly rule as one observance with that RRULE (open-ended when it still holds at the window's
 * end, else with UNTIL), the others one by one. A change to a larger offset is written as DAYLIGHT.
 * The lines are not folded yet.
 */
export function vtimezone(zone: string, fromYear: number): string[] {
  const firstYear = Math.max(1, fromYear - 1);
  const lastYear = Math.min(firstYear + WINDOW_YEARS, LAST_YEAR);
  const start = utcInstant({ year: firstYear, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  const initial = offsetSeconds(zone, start);
  const onsets: Onset[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const transition of transitionsInYear(zone, year)) onsets.push({ transition, local: utcFields(transition.atMs + transition.fromSeconds * 1000) });
  }
  const byKind = new Map<string, Onset[]>();
  for (const onset of onsets) {
    const key = `${onset.transition.fromSeconds} ${onset.transition.toSeconds}`;
    byKind.set(key, [...(byKind.get(key) ?? []), onset]);
  }
  const observances: { atMs: number; lines: string[] }[] = [];
  for (const group of byKind.values()) {
    for (const run of runs(group)) {
      const first = run[0]!;
      const last = run.at(-1)!;
      const { fromSeconds, toSeconds } = first.transition;
      const rule = run.length > 1 ? yearlyRule(run) : null;
      const until = last.local.year >= lastYear ? '' : `;UNTIL=${utcDateTime(last.transition.atMs)}`;
      observances.push({ atMs: first.transition.atMs, lines: observance(kindOf(fromSeconds, toSeconds), first.local, fromSeconds, toSeconds, rule ? `${rule}${until}` : undefined) });
    }
  }
  observances.sort((a, b) => a.atMs - b.atMs);
  const firstChange = onsets[0]?.transition;
  const initialKind = firstChange && firstChange.toSeconds < firstChange.fromSeconds ? 'DAYLIGHT' : 'STANDARD';
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance(initialKind, utcFields(start), initial, initial),
    ...observances.flatMap(({ lines }) => lines),
    'END:VTIMEZONE',
  ];
}
