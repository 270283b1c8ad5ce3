import { RRuleTemporal } from 'rrule-temporal';
import { toText } from 'rrule-temporal/totext';
import { zoneFormat } from '../time/zone-formats';

const UNTIL = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?(?=;|$)/i;

/** The UNTIL instant of a rule, and the rule without it. */
function splitUntil(rrule: string): { rule: string; until?: Date } {
  const match = UNTIL.exec(rrule);
  if (!match) return { rule: rrule };
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match.map((part) => part ?? undefined);
  const until = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  return { rule: rrule.replace(UNTIL, '').replace(/^;/, ''), until };
}

/**
 * A task's repetition in words: "every week on Sunday", "every month on the last day", "every
 * weekday until June 30, 2026" — the words of the recurrence engine's library (`rrule-temporal`),
 * without the series' start time, which the task shows as its due time. The end date is the day in
 * the task's own zone (the library would give the UTC day). Falls back to "repeats" for a rule it
 * cannot read.
 */
export function repeatWords(recurrence: { rrule: string; timezone: string }): string {
  try {
    const { rule, until } = splitUntil(recurrence.rrule.replace(/^RRULE:/i, ''));
    const series = new RRuleTemporal({ rruleString: `DTSTART;TZID=${recurrence.timezone}:20260105T000000\nRRULE:${rule}` });
    const text = toText(series, 'en', { excludeTzAbbreviation: true })
      .replace(/(\d(?:st|nd|rd|th)) day of the month/g, '$1')
      .replace(/ day of the month/g, ' day')
      .replace(/ on last /g, ' on the last ')
      .replace(/ for (\d+) times?$/, (_, count: string) => ` (${count} time${count === '1' ? '' : 's'})`);
    return until ? `${text} until ${zoneFormat('day', recurrence.timezone).format(until)}` : text;
  } catch {
    return 'repeats';
  }
}
