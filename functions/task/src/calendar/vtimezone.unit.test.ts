import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, joinLines } from './ics-text';
import { vtimezone } from './vtimezone';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The wall clock of an instant as Intl reads it (the oracle for offsets; independent of the writer's own reading). */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlWall(zone: string, epochMs: number) {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }));
  const parts = formats.get(zone)!.formatToParts(epochMs);
  const field = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return { year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second: field('second') };
}
const wallMs = (wall: ReturnType<typeof intlWall>) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
const offsetMs = (zone: string, epochMs: number) => wallMs(intlWall(zone, epochMs)) - Math.floor(epochMs / 1000) * 1000;

/** The zone as ical.js builds it from the VTIMEZONE the writer wrote. */
function icalZone(zone: string, fromYear: number) {
  const text = joinLines(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...vtimezone(zone, fromYear).flatMap(foldLine), 'END:VCALENDAR']);
  return new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!);
}

/**
 * Instants where ical.js, given the wall clock Intl shows in the zone, must find the same instant:
 * one per day, every 15 minutes on days whose offset changes; a wall-clock time the clock shows twice
 * (after a change back) names no single instant and is left out.
 */
function mismatches(zone: string, fromYear: number, years: [number, number]): string[] {
  const timezone = icalZone(zone, fromYear);
  const found: string[] = [];
  for (let day = Date.UTC(years[0], 0, 1); day < Date.UTC(years[1], 0, 1); day += DAY_MS) {
    const changes = offsetMs(zone, day) !== offsetMs(zone, day + DAY_MS);
    const instants = changes ? Array.from({ length: 96 }, (_, index) => day + index * 900_000) : [day + ((((day / DAY_MS) % 1440) + 1440) % 1440) * 60_000];
    for (const instant of instants) {
      const wall = intlWall(zone, instant);
      const shift = Math.abs(offsetMs(zone, instant - 3 * HOUR_MS) - offsetMs(zone, instant + 3 * HOUR_MS));
      if (shift && [instant - shift, instant + shift].some((other) => wallMs(intlWall(zone, other)) === wallMs(wall))) continue;
      const read = ICAL.Time.fromData({ ...wall, isDate: false }, timezone).toUnixTime() * 1000;
      if (read !== instant) found.push(`${new Date(instant).toISOString()}: ical.js reads ${new Date(read).toISOString()}`);
    }
  }
  return found;
}

// Northern and southern DST, US and EU rules, half-hour and 45-minute offsets, a 30-minute DST (Lord
// Howe), rules no weekday position names (Israel, Chile, Greenland at -2 changing on Saturdays),
// Ireland's negative DST, zones without DST, +14.
const REGULAR = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Jerusalem', 'America/Santiago', 'America/Nuuk', 'Europe/Dublin', 'Pacific/Chatham', 'America/Havana', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'UTC', 'Etc/GMT+5', 'America/Sao_Paulo'];
// Exact only in the years written out: Morocco's and Gaza's changes follow Ramadan, and Egypt's autumn
// change at 24:00 on the last Thursday of October falls on 1 November in some years (2041), which no
// yearly rule in local time says along with the other years.
const IRREGULAR = ['Africa/Casablanca', 'Asia/Gaza', 'Africa/Cairo'];

describe('vtimezone', () => {
  it.each([...REGULAR, ...IRREGULAR])('gives ical.js the offsets of %s in the years it writes out', (zone) => {
    expect(mismatches(zone, 2026, [2025, 2034])).toEqual([]);
  });

  it.each(REGULAR)('continues the yearly rules of %s for decades after them', (zone) => {
    expect(mismatches(zone, 2026, [2034, 2046])).toEqual([]);
  });

  it('covers the year before the start and old offsets too', () => {
    expect(mismatches('America/New_York', 2005, [2004, 2013])).toEqual([]);
    expect(mismatches('Europe/Moscow', 2010, [2009, 2018])).toEqual([]);
  });

  // ical.js keeps hours and minutes of an offset only, so this one is read as text: Berlin's local mean time was +0:53:28.
  it('writes the local mean time of a year long ago with its seconds', () => {
    expect(vtimezone('Europe/Berlin', 1800)).toContain('TZOFFSETTO:+005328');
  });

  it('names the zone with the TZID the events use and starts with the offset in force', () => {
    const lines = vtimezone('Australia/Sydney', 2026);
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VTIMEZONE', 'TZID:Australia/Sydney']);
    expect(lines.slice(2, 7)).toEqual(['BEGIN:DAYLIGHT', 'DTSTART:20250101T000000', 'TZOFFSETFROM:+1100', 'TZOFFSETTO:+1100', 'END:DAYLIGHT']);
  });
});
