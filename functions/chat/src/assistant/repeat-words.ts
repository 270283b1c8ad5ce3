import rrule from 'rrule';

// rrule ships CommonJS to Node; its named exports only exist on the default import.
const { RRule } = rrule;

const dayFormat = (timeZone: string) => new Intl.DateTimeFormat('en-US', { timeZone, month: 'long', day: 'numeric', year: 'numeric' });

/**
 * A task's repetition in words: "every week on Sunday", "every month on the last day", "every
 * weekday until June 30, 2026". The end date is the day in the task's own zone (rrule's text would
 * give the UTC day). Falls back to "repeats" for a rule it cannot read.
 */
export function repeatWords(recurrence: { rrule: string; timezone: string }): string {
  try {
    const options = RRule.parseString(recurrence.rrule.replace(/^RRULE:/i, ''));
    const { until, ...rest } = options;
    const text = new RRule(rest)
      .toText()
      .replace(/ on the last$/, ' on the last day')
      .replace(/ for (\d+) times?$/, (_, count: string) => ` (${count} time${count === '1' ? '' : 's'})`);
    return until ? `${text} until ${dayFormat(recurrence.timezone).format(until)}` : text;
  } catch {
    return 'repeats';
  }
}
