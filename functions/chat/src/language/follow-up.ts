import { dueValue, priorityValue, recurrenceChange } from './change-values';
import { DURATION, isoDuration } from './durations';
import type { Intent, ParseContext, TaskChanges } from './intent';
import { findPriority, findTags } from './priority-tags';
import { IT_PHRASE, tidy } from './text';

const IT = IT_PHRASE;
/** Words that say the message changes the task just discussed: "make it", "i meant", "push it to", "it's due". */
const LEAD = new RegExp(
  String.raw`^(?:i\s+meant|i\s+mean|meant|i\s+said|(?:i'?d|i\s+would)\s+like\s+${IT}(?:\s+to\s+be)?|i\s+want\s+${IT}(?:\s+to\s+be)?|(?:can|could|shall)\s+we\s+say|let'?s\s+say|the\s+(?:deadline|due\s+date|date)\s+is(?:\s+(?:now|actually))?|${IT}(?:(?:'s|\s+has|\s+have)\s+been|\s+got|\s+was)\s+(?:moved|changed|pushed(?:\s+back)?|put\s+back|brought\s+forward|rescheduled|switched)(?:\s+(?:to|till|until|for))?|${IT}\s+(?:moved|changed|shifted|switched)(?:\s+(?:to|till|until|for))?|(?:schedule|plan|book|slot)\s+${IT}(?:\s+(?:in|on|for|at))?|${IT}\s+needs\s+(?:doing|to\s+be\s+done)|do\s+${IT}|put\s+${IT}\s+down(?:\s+(?:as|for|on))?|make\s+${IT}|change\s+${IT}(?:\s+to)?|set\s+${IT}(?:\s+to)?|move\s+${IT}(?:\s+to)?|push\s+${IT}(?:\s+(?:back|out))?(?:\s+to)?|bump\s+${IT}(?:\s+(?:up|down))?(?:\s+to)?|switch\s+${IT}(?:\s+to)?|(?:prepone|postpone|reschedule|shift|bring)\s+${IT}(?:\s+(?:forward|back))?(?:\s+(?:to|for))?|(?:prepone|postpone|reschedule)\s+(?:to|for)|put\s+${IT}(?:\s+(?:on|at|for))?|${IT}(?:'s|\s+is|\s+should\s+be|\s+needs\s+to\s+be)\s+(?:due\s+)?|the\s+(?:time|date|day|hour)\s+(?:is|should\s+be)|should\s+be|needs?\s+to\s+be\s+(?:done|finished|ready|in)|can\s+we\s+(?:do|make\s+it)|let'?s\s+(?:do|say|make\s+it)|how\s+about|what\s+about|due|change\s+(?:it\s+)?(?:to|for|on)|set\s+to|move\s+to|push\s+to)\b\s*`,
  'i',
);
const TAIL = /(?<!\s)\s+(?:instead|actually|then|rather|please|pls|sorry|too|as\s+well|any\s?more|after\s+all|(?:at\s+)?(?:the\s+)?same\s+time|not\s+[^\s,]+(?:\s+[^\s,]+)?)$/i;
const PUSH = /^(?:push|move|bump|delay|postpone|shift)\b/i;
const DAY_AFTER = /^(?:the\s+)?(?:(?:next\s+)?day\s+after|(?:next|following)\s+day)$/i;
const BARE_HOUR = /^(?:at\s+)?(\d{1,2})(?::([0-5]\d))?\s*(am|pm)?$/i;
const SHIFT = new RegExp(String.raw`^(${DURATION})\s+(later|earlier|sooner)$`, 'i');

/**
 * A message that only gives a new value for the task just discussed: "actually make it 3pm", "i meant
 * thursday", "push it to 10am", "make it 7 instead", "it's due on the 20th", "bump it to p1", "make it an
 * hour later". A day alone keeps the time of day; a time alone keeps the day. Undefined for anything
 * else (a bare date with no such words stays a list request: "the 27th").
 */
export function followUpValue(text: string, context: ParseContext): Intent | undefined {
  const lead = LEAD.exec(text);
  if (!lead || (lead[0].trim() === '' && !/^make it\b/i.test(text))) return undefined;
  const value = tidy(text.slice(lead[0].length).replace(TAIL, ''))
    .replace(/^(?:actually|really|now|just|only)\s+/i, '')
    .replace(/^due\s+/i, '')
    .replace(/^(?:on|at|for|to|by)\s+/i, '');
  // "push it a day": a duration after a verb that moves things is a shift.
  const changes = PUSH.test(lead[0]) && ONLY_A_DURATION.test(value) ? shiftLater(value) : valueChanges(value, context);
  return changes ? { kind: 'update', target: { kind: 'it' }, changes } : undefined;
}

const ONLY_A_DURATION = new RegExp(String.raw`^${DURATION}$`, 'i');
/** "5 min before": a reminder, never a due time in the past. */
const BEFORE_IT = new RegExp(String.raw`^${DURATION}\s+(?:before|ahead|prior)\b`, 'i');

function shiftLater(value: string): TaskChanges | undefined {
  const duration = isoDuration(value);
  return duration ? { shiftBy: duration } : undefined;
}

/** The change a bare value asks for: a priority, a shift, a time, a day, tags. */
export function valueChanges(value: string, context: ParseContext): TaskChanges | undefined {
  // "push it back 2 hours" is a shift, which the update phrasings read.
  if (value === '' || ONLY_A_DURATION.test(value) || BEFORE_IT.test(value)) return undefined;
  const named = priorityValue(value);
  if (named) return { priority: named };
  const marked = findPriority(value);
  if (marked.priority && tidy(marked.rest) === '') return { priority: marked.priority };
  if (DAY_AFTER.test(value)) return { shiftBy: 'P1D' };
  const shift = SHIFT.exec(value);
  if (shift) {
    const duration = isoDuration(shift[1]!);
    return duration ? { shiftBy: shift[2]!.toLowerCase() === 'later' ? duration : `-${duration}` } : undefined;
  }
  const hour = BARE_HOUR.exec(value);
  if (hour) {
    const changes = timeOnly(Number(hour[1]), Number(hour[2] ?? 0), hour[3]?.toLowerCase());
    return changes?.timeOfDay && hour[2] === undefined && hour[3] === undefined ? { timeOfDay: { ...changes.timeOfDay, bare: Number(hour[1]) } } : changes;
  }
  const due = dueValue(value, context);
  if (due?.timeOnly) return timeOnly(due.clock.hour, due.clock.minute, 'exact');
  if (due) return { dueAt: due.dueAt, ...(due.dayOnly ? { keepTimeOfDay: true as const } : {}), ...dayOfMonthOnly(value) };
  const tags = findTags(value);
  if (tags.tags.length > 0 && tidy(tags.rest) === '') return { addTags: tags.tags };
  return recurrenceChange(value, context);
}

/** "the 15th", "monday the 8th": a day of the month, maybe with its weekday. */
const ORDINAL_DAY = /^(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?([1-9]|[12]\d|3[01])(?:st|nd|rd|th)$/i;
/** "the 15th" alone: a day of the task's own month, which only the task knows. */
export function dayOfMonthOnly(value: string): { dayOfMonth: number } | Record<string, never> {
  const match = ORDINAL_DAY.exec(value.trim());
  return match ? { dayOfMonth: Number(match[1]) } : {};
}

/** A new time of day on the day the task already has; without am/pm, the reading nearest its old time. */
function timeOnly(hour: number, minute: number, meridiem: string | undefined): TaskChanges | undefined {
  if (hour > 23) return undefined;
  const exact = meridiem === 'exact' || hour > 12 || hour === 0;
  const h = meridiem === 'pm' && hour < 12 ? hour + 12 : meridiem === 'am' && hour === 12 ? 0 : hour;
  return { timeOfDay: { hour: h, minute, ...(exact || meridiem ? {} : { eitherHalf: true as const }) } };
}
