/** What a date format is for: its `en-US` options, the time zone aside. */
const PURPOSES = {
  /** Numeric parts on a 24-hour clock, read back by `zoned-time.ts`. */
  wallClock: { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
  year: { year: 'numeric' },
  /** "Sat, May 2, 5:00 PM". */
  when: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** "Sun, Jan 3, 2027, 9:00 AM". */
  whenWithYear: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** "June 30, 2026". */
  day: { month: 'long', day: 'numeric', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type FormatPurpose = keyof typeof PURPOSES;

const made = new Map<string, Intl.DateTimeFormat>();

/**
 * The `en-US` date format for `purpose` in `timeZone`, made once: making one costs about 0.1 ms (a
 * list of ten due dates paid 3 ms), using one a few microseconds. An unknown zone throws RangeError.
 */
export function zoneFormat(purpose: FormatPurpose, timeZone: string): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...PURPOSES[purpose], timeZone });
    made.set(key, format);
  }
  return format;
}
