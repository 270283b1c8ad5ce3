import { findDate, type FoundDate, withoutDate } from './dates';
import { DURATION } from './durations';
import { MONTH } from './months';
import type { Intent, ParseContext } from './intent';
import { parseRef } from './refs';
import { DAYS_BEFORE, reminderMoment } from './reminder-moment';
import { AND_AT_START, BEFORE_LIST, offsetsIn } from './reminder-phrases';
import { extract, tidy } from './text';

const ABOUT = /^(?:remind me\s+(?:about|of|regarding)|(?:set|add|create|schedule)(?: me)? (?:a |an )?reminder\s+(?:about|of|for|on|to(?=\s+(?:the|my|it|that|this|#?\d))|regarding))\s+(\S.*)$/i;
/** "set a reminder for 9am on the 15th to chase the invoices": a new task, which the add phrasings read. */
const NEW_TASK_AT = /^(?:set|add|create)\s+(?:me\s+)?(?:a\s+)?reminder\s+for\s+(?:\d|at\b|on\b|tomorrow|today|tonight|next|this|the\s+\d)[^,]*?\sto\s+\p{L}/iu;
/** "remind me an hour before and 15 minutes before": the reminders of the task just talked about (one offset is a `remind`). */
const OFFSETS_OF_IT = new RegExp(String.raw`^(?:(?:remind me|ping me|alert me|notify me|nudge me|(?:set|add|create|put|make)\s+(?:me\s+)?(?:an?\s+)?reminders?(?:\s+for)?|(?:an?\s+)?reminders?|(?:give|send)\s+me\s+(?:a\s+)?(?:reminders?|heads[\s-]?up|nudge)|i\s+(?:want|need|would\s+like)\s+(?:a\s+)?reminders?|(?:and\s+)?(?:another|one\s+more)(?:\s+(?:one|reminder|alert|ping))?)\s+)?(?:(?:also|again|and)\s+)*(${BEFORE_LIST})(${AND_AT_START})?(?:\s+(?:too|as\s+well|also))?$`, 'i');
const BEFORE_REF = new RegExp(String.raw`^remind me\s+(${DURATION}(?:\s*(?:,|and)\s*${DURATION})*)\s+before\s+(.+)$`, 'i');
const BEFORE = new RegExp(String.raw`\s(${DURATION})\s+(?:before|ahead|earlier|prior)(?:\s+(?:it|that|it'?s due))?$`, 'i');
/** "remind me tomorrow at 8 about the dentist": the time before the task. */
const WHEN_ABOUT = new RegExp(String.raw`^remind me\s+((?:in|at|on|this|next|tomorrow|today|tonight)\b(?:.*?\S)??)\s+(?:about|of(?!\s+${MONTH}\b)|regarding)\s+(\S.*)$`, 'i');
/** "remind me again in 30 minutes": about the task just talked about. */
const AGAIN = /^remind me\s+(?:again|about it again|of it again)\s+(\S.*)$/i;
/** "remind me at 7am", "ping me the day before at 6pm": a moment for the task just talked about. */
const MOMENT_OF_IT =
  /^(?:(?:remind|ping|alert|notify)\s+me|(?:set|add|create|schedule)\s+(?:me\s+)?(?:an?\s+)?(?:reminder|alert|alarm)(?:\s+for)?)\s+(?:(?:about|of|for)\s+(?:it|that|this)\s+)?(?:again\s+)?(\S.*)$/i;
const AT_DUE = /\s(?:when it'?s due|at the (?:due )?time|on time)$/i;

type Remind = Extract<Intent, { kind: 'remind' }>;

const floatingOf = (found: FoundDate): Pick<Remind, 'atFloating'> => (found.floating ? { atFloating: found.floating } : {});

function toRemind(refPhrase: string, when: Omit<Remind, 'kind' | 'target'>): Intent {
  const target = parseRef(tidy(refPhrase).replace(/(?<!\s)\s+(?:for|at|on|in)$/i, ''));
  if (!target) return { kind: 'unknown', reason: 'say which task to remind you about' };
  return { kind: 'remind', target, ...when };
}

const MOVE_IT = new RegExp(String.raw`^(?:(?:make|change|set|move|switch)\s+(?:it|that|this)(?:\s+one)?\s+(?:to\s+)?|remind\s+me\s+)(${BEFORE_LIST})\s+instead$|^(?:make|change|set|move|switch)\s+(?:it|that|this)(?:\s+one)?\s+(?:to\s+)?(${BEFORE_LIST})$`, 'i');
const MOVE_REMINDER = new RegExp(String.raw`^(?:make|change|set|move|switch|put)\s+(?:the|my|that|its)\s+reminders?\s+(?:to\s+)?(${BEFORE_LIST})(?:\s+instead)?$`, 'i');
const INSTEAD_OF_DUE = /(?<![\s,;])[\s,;]+(?:but\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:at\s+the\s+(?:due\s+)?time(?:\s+itself)?|when\s+it'?s\s+due|on\s+time)$/i;
/** "remind me an hour before instead of the day before": that reminder moves. */
const INSTEAD_OF_OFFSET = new RegExp(String.raw`^(?:remind\s+me|(?:make|set|change)\s+(?:it|that|the\s+reminder))\s+(?:to\s+)?(${DURATION}|the\s+day)\s+before\s+(?:instead\s+of|rather\s+than|not)\s+(?:${DURATION}|the\s+day)\s+before$`, 'i');

/** "remind me about rent 3 days before", "remind me of 2 tomorrow at 8am", "remind me 2 days before the dentist". */
export function remindIntent(said: string, context: ParseContext): Intent | undefined {
  const insteadOf = INSTEAD_OF_OFFSET.exec(said);
  const newOffset = insteadOf ? offsetsIn(insteadOf[1]!)[0] : undefined;
  if (newOffset) return { kind: 'update', target: { kind: 'it' }, changes: { reminderOffset: newOffset } };
  // "make that an hour before", "remind me 2 hours before instead": the reminder just talked about moves.
  const moveIt = MOVE_IT.exec(said);
  const movedOffsets = moveIt ? offsetsIn(moveIt[1] ?? moveIt[2]!) : [];
  if (movedOffsets.length === 1) return { kind: 'update', target: { kind: 'it' }, changes: { reminderOffset: movedOffsets[0]! } };
  if (movedOffsets.length > 1) return { kind: 'update', target: { kind: 'it' }, changes: { reminders: movedOffsets } };
  // "remind me friday at 6pm too": another reminder, said as one.
  const text = /^remind\s+me\b/i.test(said) ? said.replace(/(?<=\S)\s+(?:too|as\s+well|also)$/i, '') : said;
  // "make the reminder an hour before": the reminder moves.
  const moved = MOVE_REMINDER.exec(text) ?? MOVE_REMINDER.exec(text.replace(INSTEAD_OF_DUE, ''));
  if (moved) return { kind: 'update', target: { kind: 'it' }, changes: { reminders: offsetsIn(moved[1]!) } };
  // "remind me 2 hours before, not at the time": these offsets instead of the ones it has.
  const instead = INSTEAD_OF_DUE.exec(text);
  const replacing = instead ? OFFSETS_OF_IT.exec(text.slice(0, instead.index)) : null;
  if (replacing) return { kind: 'update', target: { kind: 'it' }, changes: { reminders: offsetsIn(replacing[1]!) } };
  const offsets = OFFSETS_OF_IT.exec(text);
  const several = offsets ? [...offsetsIn(offsets[1]!), ...(offsets[2] ? ['PT0S'] : [])] : [];
  if (several.length > 1) return { kind: 'update', target: { kind: 'it' }, changes: { reminders: several } };
  if (several.length === 1) return { kind: 'remind', target: { kind: 'it' }, before: several[0]! };
  const beforeRef = BEFORE_REF.exec(text);
  // "remind me 3 days before at 10am": a moment of the task just discussed, not a task called "at 10am".
  const timeOnlyRef = beforeRef ? reminderMoment(`${beforeRef[1]!} before ${beforeRef[2]!}`, context) : undefined;
  if (timeOnlyRef && !('at' in timeOnlyRef)) return { kind: 'remind', target: { kind: 'it' }, onDueDay: timeOnlyRef };
  if (beforeRef) return toRemind(beforeRef[2]!, { before: offsetsIn(beforeRef[1]!)[0]! });
  const again = AGAIN.exec(text);
  const againAt = again ? findDate(again[1]!, context) : undefined;
  if (again && againAt && tidy(withoutDate(again[1]!, againAt)) === '') return { kind: 'remind', target: { kind: 'it' }, at: againAt.dueAt, ...floatingOf(againAt) };
  const whenAbout = WHEN_ABOUT.exec(text);
  const found = whenAbout ? findDate(whenAbout[1]!, context) : undefined;
  if (whenAbout && found && tidy(withoutDate(whenAbout[1]!, found)) === '') return toRemind(whenAbout[2]!, { at: found.dueAt, ...floatingOf(found) });
  const momentOfIt = MOMENT_OF_IT.exec(text);
  const moment = momentOfIt ? reminderMoment(momentOfIt[1]!, context) : undefined;
  if (moment) return { kind: 'remind', target: { kind: 'it' }, ...('at' in moment ? { at: moment.at, ...(moment.floating ? { atFloating: moment.floating } : {}) } : { onDueDay: moment }) };
  const about = NEW_TASK_AT.test(text) ? null : ABOUT.exec(text);
  if (!about) return undefined;
  const rest = ` ${about[1]!}`;
  // "remind me about rent 2 days before at 8am".
  const daysBefore = DAYS_BEFORE.exec(rest);
  const dayMoment = daysBefore ? reminderMoment(rest.slice(daysBefore.index), context) : undefined;
  if (daysBefore && dayMoment && !('at' in dayMoment)) return toRemind(rest.slice(0, daysBefore.index), { onDueDay: dayMoment });
  const before = extract(rest, BEFORE);
  if (before.match) return toRemind(before.rest, { before: offsetsIn(before.match[1]!)[0]! });
  const atDue = extract(rest, AT_DUE);
  if (atDue.match) return toRemind(atDue.rest, { before: 'PT0S' });
  const date = findDate(rest, context);
  // "remind me about the bank call at 8:30": a time alone is on the task's own day.
  if (date && !date.hasDay) return toRemind(withoutDate(rest, date), { onDueDay: { dayShift: 0, ...date.clock } });
  if (date) return toRemind(withoutDate(rest, date), { at: date.dueAt, ...floatingOf(date) });
  return toRemind(rest, {});
}
