import { DURATION, isoDuration } from './durations';
import type { ParseContext } from './intent';
import { reminderMoment, type ReminderMoment } from './reminder-moment';
import { extract } from './text';

/** "2 days before and 1 hour before", "an hour and 15 minutes before". */
const MORE = String.raw`\s*(?:,|\band\b|&)\s*(?:again\s+|also\s+)?(?:the\s+(?:day|week)|${DURATION})`;
/** …and "the day before and an hour before" (alone, "the day before" may go on "at 6pm": a moment). */
export const BEFORE_LIST = String.raw`(?:${DURATION}(?:\s+before)?(?:${MORE})*|the\s+(?:day|week)(?:\s+before)?(?:${MORE})+)\s+(?:before(?:hand)?|ahead|earlier|prior|in\s+advance)\b(?:\s+(?:it|that))?(?:\s+(?:too|also|as\s+well))?`;
/** "…and when it starts": a reminder at the due time as well. */
export const AND_AT_START = String.raw`(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:again\s+|also\s+)?(?:when\s+it\s+(?:starts|begins)|when\s+it'?s\s+(?:due|time)|at\s+the\s+(?:start(?:\s+time)?|(?:due\s+)?time)(?:\s+itself)?|on\s+time)\b`;
/** Starts at a comma or where no space is behind (the leftmost match never starts inside a run of spaces), as NONE does: no retrying at every space. */
const INTRO = String.raw`(?:(?:,|(?<!\s))\s*(?:and\s+)?(?:remind\s+me|(?:with\s+|and\s+)?(?:an?\s+)?reminders?|alert\s+me|notify\s+me|ping\s+me|nudge\s+me|warn\s+me|buzz\s+me|give\s+me\s+a\s+(?:heads[\s-]?up|shout|nudge|reminder))\s+)`;
const OFFSETS = new RegExp(String.raw`${INTRO}(${BEFORE_LIST})`, 'i');
const AT_DUE = new RegExp(String.raw`${INTRO}(?:when\s+it'?s\s+due|at\s+the\s+(?:due\s+)?time|on\s+time)\b`, 'i');
const DAY_BEFORE = new RegExp(String.raw`${INTRO}the\s+day\s+before\b`, 'i');
/** ", an hour before" after the due time, without "remind me". */
const BARE_OFFSETS = new RegExp(String.raw`,\s*(${BEFORE_LIST}|the\s+day\s+before)$`, 'i');
/** "remind me at 7am", ", remind me friday at 6pm", "remind me the day before at 6pm": up to a comma or the end. */
const AT_MOMENT = new RegExp(String.raw`${INTRO}((?:at|on|the|this|next|tomorrow|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b[^,]*)`, 'i');
/** "…10 minutes before and again at 3": a moment after a list of offsets. */
const AGAIN_AT = /(?:,|(?<!\s))\s*(?:and\s+)?(?:again|also)\s+((?:at|on)\s[^,]*)/i;
const NONE = /(?:,|(?<!\s))\s*(?:(?:with\s+)?no\s+reminders?(?:\s+(?:needed|necessary|required|please|for\s+(?:this|that|it)(?:\s+one)?))?|without\s+(?:a\s+)?reminders?|don'?t\s+remind\s+me|no\s+need\s+to\s+remind\s+me)\b/i;

/** The ISO durations in a "2 days before and 1 hour before" list, in order. */
export function offsetsIn(list: string): string[] {
  const durations = list.match(new RegExp(String.raw`the\s+(?:day|week)|${DURATION}`, 'gi')) ?? [];
  return [...new Set(durations.map((phrase) => isoDuration(phrase.replace(/^the\s+/i, 'a '))).filter((value): value is string => value !== undefined))];
}

/**
 * Removes a reminder phrase from a new task's text: "remind me 2 days before" → ["P2D"],
 * "remind me when it's due" → ["PT0S"], "no reminder" → [], "remind me at 7am" → a moment the caller
 * turns into an offset once the due time is known. Undefined reminders when there is none.
 */
export function findReminders(text: string, context: ParseContext): { reminders?: string[]; moments?: ReminderMoment[]; rest: string } {
  const offsets = extract(text, OFFSETS);
  const atStart = offsets.match ? new RegExp(String.raw`^${AND_AT_START}`, 'i').exec(offsets.rest.slice(offsets.match.index)) : null;
  if (offsets.match && atStart) {
    const rest = `${offsets.rest.slice(0, offsets.match.index)}${offsets.rest.slice(offsets.match.index + atStart[0].length)}`;
    return { reminders: [...offsetsIn(offsets.match[1]!), 'PT0S'], rest };
  }
  if (offsets.match) {
    const again = extract(offsets.rest, AGAIN_AT);
    const moment = again.match ? reminderMoment(again.match[1]!, context) : undefined;
    return moment ? { reminders: offsetsIn(offsets.match[1]!), moments: [moment], rest: again.rest } : { reminders: offsetsIn(offsets.match[1]!), rest: offsets.rest };
  }
  const atMoment = extract(text, AT_MOMENT);
  const moment = atMoment.match ? reminderMoment(atMoment.match[1]!, context) : undefined;
  if (moment) return { reminders: [], moments: [moment], rest: atMoment.rest };
  const dayBefore = extract(text, DAY_BEFORE);
  if (dayBefore.match) return { reminders: ['P1D'], rest: dayBefore.rest };
  const bare = extract(text, BARE_OFFSETS);
  if (bare.match) return { reminders: offsetsIn(bare.match[1]!), rest: bare.rest };
  const atDue = extract(text, AT_DUE);
  if (atDue.match) return { reminders: ['PT0S'], rest: atDue.rest };
  const none = extract(text, NONE);
  if (none.match) return { reminders: [], rest: none.rest };
  return { rest: text };
}
