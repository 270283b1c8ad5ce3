/** Wall clocks and UTC offsets of IANA zones, read from the runtime's time-zone data (`Intl`). */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  return format;
}

/** The zone's UTC offset at an instant, in seconds (east positive; old local mean times have seconds). */
export function offsetSeconds(zone: string, epochMs: number): number {
  const match = LONG_OFFSET.exec(offsetFormat(zone).format(epochMs));
  if (!match) throw new Error(`no UTC offset for ${zone}`);
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds));
}

/** The fields of a UTC instant (years 1–99 included, which `Date.UTC` would move to the 1900s). */
export function utcFields(epochMs: number): WallClock {
  const date = new Date(epochMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** The instant whose UTC fields these are. */
export function utcInstant(fields: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  return date.getTime();
}

/** What a clock on the wall in `zone` shows at an instant. */
export const wallClock = (zone: string, epochMs: number): WallClock => utcFields(epochMs + offsetSeconds(zone, epochMs) * 1000);
