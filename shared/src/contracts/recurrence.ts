import rrule from 'rrule';
import * as z from 'zod/mini';
import { TimeZone } from './time';

// rrule ships CommonJS to Node; its named exports only exist on the default import.
const { RRule } = rrule;

const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'BYHOUR', 'BYMINUTE', 'WKST', 'BYYEARDAY', 'BYWEEKNO']);

function isValidRrule(value: string): boolean {
  const body = value.replace(/^RRULE:/i, '');
  const parts = body.split(';');
  if (!parts.every((part) => ALLOWED_PARTS.has(part.split('=')[0]!.toUpperCase()) && part.includes('='))) return false;
  if (!/(^|;)FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY|HOURLY)(;|$)/i.test(body)) return false;
  try {
    const options = RRule.parseString(body);
    new RRule(options);
    return true;
  } catch {
    return false;
  }
}

/** How a task repeats: an RFC 5545 RRULE (without DTSTART; the due time anchors it) in an IANA time zone. */
export const Recurrence = z.strictObject({
  rrule: z.string().check(z.minLength(6), z.maxLength(500), z.refine(isValidRrule, 'must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE')),
  timezone: TimeZone,
  /** `schedule` (default): the next slot of the schedule; `completion`: counted from when the task was completed. */
  from: z.optional(z.enum(['schedule', 'completion'])),
});
export type Recurrence = z.infer<typeof Recurrence>;
