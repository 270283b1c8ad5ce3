import { findDate, today, withoutDate } from './dates';
import type { Intent, ParseContext, TaskDraft } from './intent';
import { findPriority, findTags } from './priority-tags';
import { QUESTION } from './question';
import { clockForPartOfDay, findRecurrence } from './recurrence-phrases';
import { momentAsDue, offsetBefore, type ReminderMoment } from './reminder-moment';
import { findReminders } from './reminder-phrases';
import { firstOccurrence, toRrule } from './rrule';
import { extract, QUOTED, tidy } from './text';
import { formatInZone } from '../time/zoned-time';

const POLITE = /^(?:(?:please|pls|plz|kindly|can you|could you|would you|will you|can|could|help me|hey|ok|okay|be so kind as to|would you be so kind as to)[\s,]+)+/i;
const COMMANDS = [
  /^(?:add|create|make|set\s+up)(?:\s+(?:me\s+)?(?:a|an))?(?:\s+(?:new|recurring|repeating|regular))?\s+(?:task|todo|to-do|item)\s+for(?=\s+(?!me\b)\p{L})/iu,
  /^(?:add|create|make|new|set\s+up)(?:\s+(?:me\s+)?(?:a|an))?(?:\s+(?:new|recurring|repeating|regular))?\s+(?:task|todo|to-do|item|reminder)(?:\s+for\s+me)?(?:\s+(?:to|called|named|titled))?(?![\p{L}\p{N}])\s*:?/iu,
  /^add\s+(?:to\s+(?:(?:my|the)\s+)?(?:list|todo list|to-do list|tasks))\s*:?/i,
  /^(?:i(?:'d|\s+would)\s+like|i\s+want)(?:\s+to\s+add)?(?:\s+(?:a|an))?(?:\s+(?:new|recurring|repeating|regular))?\s+(?:task|todo|to-do|item|reminder)(?:\s+(?:to|for|called))?\b\s*:?/i,
  /^(?:(?:i(?:'d|\s+would)\s+like|i\s+want)\s+to\s+)?add\s+(?:something|this|the\s+following)(?:\s+(?:to|on)\s+(?:my|the)\s+(?:to-?do\s+)?list)?\s*:/i,
  /^(?:i(?:'d|\s+would)\s+like|i\s+want)\s+to\s+add\b/i,
  /^(?:remember|note|make\s+a\s+note|write\s+down|jot\s+down)\s+that\s+(?:i|we)\s+(?:have|need|must|should|ought|got)\s+to\b/i,
  /^(?:add|make|leave|write)\s+(?:me\s+)?(?:a|an)\s+note\s+to\b/i,
  /^add\s+(?:the\s+following|these|this)(?:\s+(?:task|item|one)s?)?(?:\s+to\s+(?:my|the)\s+(?:list|to-?do\s+list|tasks))?\s*:/i,
  /^(?:add|create)\b\s*:?/i,
  /^(?:todo|to-do|task|new)\s*:/i,
  /^remind\s+me\s+(?:to|about|of)\b/i,
  // "remind me submit report": the verb right after.
  /^remind\s+me\s+(?!(?:at|in|on|by|the|tomorrow|today|tonight|next|this|every|each|after|before|when|again)\b)(?=\p{L})/iu,
  /^pencil\s+(?:in|down)\b\s*:?/i,
  /^(?:(?:put|jot|note|write|pop)\s+(?:down|in)(?:\s+there)?\s*:?\s+(?:that\s+)?(?:i\s+(?:have|need)\s+to\s+|i(?:'ve|\s+have)\s+got\s+|i\s+)?|a\s+note\s+(?:for\s+me\s+)?to\b)/i,
  /^(?:i\s+)?need\s+reminding\s+(?:about|of|to)\b/i,
  /^note\s+to\s+self\b\s*:?/i,
  /^(?:add|set|create|make)\s+(?:me\s+)?(?:a\s+|an\s+)?reminder\s+to\b(?!\s+(?:the|my|it|that|this|#?\d))/i,
  /^(?:create|make)\s+(?:me\s+)?(?:a\s+|an\s+)?reminder\s+(?:for|about)\b/i,
  /^(?:i\s+)?(?:really\s+)?(?:should|ought\s+to)\b/i,
  /^(?:i\s+)?keep\s+forgetting\s+(?:to|about)\b/i,
  /^(?:make\s+sure|ensure)\s+(?:that\s+)?(?:i|we)(?:\s+(?:don'?t\s+forget\s+to|remember\s+to))?\b/i,
  /^(?:i(?:'d|\s+would)\s+like\s+to|i\s+want\s+to|i\s+wanna)(?:\s+(?:schedule|book|set\s+up|arrange))?\b/i,
  /^i'?m\s+(?:worried|afraid|scared)\s+(?:that\s+)?i'?ll\s+(?:miss|forget)\b/i,
  /^there(?:'s|\s+is)\s+(?:an?|the)\b/i,
  /^(?:todo|to-do)(?=\s+\p{L})/iu,
  /^(?:(?:i|we)\s+)?(?:need|have|must|should|got|gotta|want|ought)\s+to\b/i,
  /^(?:(?:i|we)\s+)?(?:gotta|gonna\s+have\s+to|need(?=\s+(?:go|buy|call|get|pay|do|make|take|see|send|pick|fix|book|clean|finish|write|read|visit|check)\b))\b/i,
  /^(?:remember|remind)\s+(?:me\s+)?to\b/i,
  /^(?:i|we)\s+have\b(?!\s+(?:to|got)\b)(?:\s+an?\b)?/i,
  /^(?:i|we)\s+must\b/i,
  /^(?:don'?t|do not)\s+(?:let me\s+)?forget(?:\s+to|\s+about)?\b/i,
  /^(?:reminder|todo|to-do|note)\s*:/i,
  /^must\b/i,
  /^schedule\b/i,
  /^set\s+up(?=\s+['"‘“])/i,
];
const PUT_ON_LIST = /^put\s+(\S(?:.*?\S)??)\s+on\s+(?:my|the)\s+(?:list|to-?do\s+list|to\s+do\s+list)((?:\s+(?:for|on|by|due|at|tomorrow|today|next|this|every|in)\b.*)?)$/i;
/** "put the choir social down for saturday at 7pm", "pop the MOT down": the words between are the task. */
const PUT_DOWN = /^(?:put|pop|jot|write|pencil|note)\s+(\S(?:.*?\S)??)\s+down(?:\s+(?:for|on|as))?(?=\s|$)(.*)$/i;
/** "remind me in 10 minutes to …", "remind me tomorrow at 9 to …": the time comes before the task. */
const REMIND_WHEN_TO = /^(?:(?:remind|ping|alert|notify)\s+me|(?:set|add|create)\s+(?:me\s+)?(?:a\s+)?reminder(?:\s+for)?)\s+((?:(?:in|at|on|by|the|this|next|tomorrow|today|tonight|every|each)\b|\d)(?:.*?\S)??)\s+(?:to|about)\s+(\S.*)$/i;
const HOUR_MS = 3_600_000;
const QUOTE_FILLER = new Set(['', 'the', 'a', 'an', 'task', 'todo', 'to-do', 'item', 'reminder', 'as', 'well', 'too', 'also', 'with', 'to', 'my', 'list', 'called', 'named', 'titled', 'it', 'please', 'one', 'another', 'new', 'for', 'me', 'tag', 'tags', 'label', 'labels', 'and']);
/** "add an urgent task to fix the tap": the priority said of the task. */
const PRIORITY_TASK = /^((?:please\s+|kindly\s+)?(?:add|create|make|set\s+up)\s+(?:me\s+)?)(?:a|an)\s+(urgent|important|high[\s-]priority|low[\s-]priority|medium[\s-]priority|normal[\s-]priority|p[1-4])\s+(?=(?:task|todo|to-do|item|reminder)\b)/i;
const PRIORITY_MARK: Record<string, string> = { urgent: '!urgent', important: '!high', high: '!high', low: '!low', medium: '!medium', normal: '!medium' };
/** "… with no date", "… with a due date of" (the date read): words about the due date that are no part of the title. */
const DUE_WORDS = /(?:,\s*|(?<![\s,])\s+)(?:(?:with\s+no|without\s+(?:a|any))\s+(?:due\s+)?(?:date|deadline)|with\s+(?:a\s+|the\s+)?(?:due\s+date|deadline)(?:\s+(?:of|on|is|for))?|(?:a|the)\s+due\s+date(?:\s+(?:of|on|is|for))?|due\s+date\s+(?:of|on|is))$/i;
/** "Wednesday: lunch with the new partners": a day named before a colon (and read as the due day). */
const DAY_HEADER = /^(?:(?:on|for)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*:\s*/i;
/** Holds a quoted phrase's place while the rest is read: letters only, so no date or tag reading touches it. */
const QUOTE_MARK = 'Qquotedphraseq';
/** "ring my sister on her birthday, that's the 22nd": what is left of the clause that named the date. */
const THAT_IS = /(?:,|(?<!\s))\s*\b(?:that'?s|that\s+is|which\s+is|i\s+think|remind\s+me|please|is|it'?s|until|(?<!\b(?:the|a|my|our|shop)\s)till|(?:the\s+)?(?:next|first)\s+one(?:\s+is)?|(?:at\s+the\s+)?latest|(?:and\s+)?(?:make|set|mark|put)\s+it(?:\s+(?:as|to|at|a))?|so\s+(?:i|we)\s+(?:need|have)\s+to\s+be\s+(?:home|in|there|around|back|up)|is\s+due)$/i;
/** "every saturday I clean the gutters": the person doing it is no part of the title. */
const SUBJECT = /^(?:i|we)(?:'ve\s+got\s+(?:an?\s+)?|\s+(?:have(?:\s+got)?\s+(?:an?\s+)?)?)(?=\p{L})/iu;
const NOTE = /(?:,|(?<!\s))\s*(?:note|notes|description|details)\s*:\s*(\S.*)$/i;
/** Words a removed date or repetition leaves hanging ("buy milk on"). A match never starts inside spaces or right after such a word, so those starts are skipped rather than each scanned to the end. */
const DANGLING = /(?<!\s)(?<!\s(?:on|at|by|due|before|from|starting|every|and|with|for|sometime|around|as|marked))(?:\s+(?:on|at|by|due|before|from|starting|every|and|with|for|sometime|around|as|marked))+$/i;

/** "… to my list", also before the day it is for ("add X to my list for saturday"). */
const ON_MY_LIST = /(?<!\s)\s+(?:to|on|onto)\s+(?:my|the)\s+(?:to-?dos?|to-?do list|to\s+do\s+list|list|tasks?)(?=$|\s+(?:for|on|by|due|at|tomorrow|today|next|this|every|in)\b)/i;
/** "add milk to my shopping list": the list's name becomes a tag. */
const ON_NAMED_LIST = /(?<!\s)\s+(?:to|on|onto)\s+(?:my|the)\s+(\p{L}[\p{L}-]{1,20})\s+list$/iu;

const SECOND_COMMAND = /^(?:(?:that\s+)?(?:i|we)\s+(?:must|should|have\s+to|need\s+to|want\s+to|gotta)|remember\s+(?:to|that)|remind\s+me\s+(?:to|about|of)|(?:i\s+)?(?:need|have|must|want)\s+to|a\s+note\s+(?:for\s+me\s+)?to|a\s+reminder\s+(?:for\s+me\s+)?to|(?:set|create|add|make)\s+(?:me\s+)?(?:a\s+)?reminder\s+(?:for|about|to))\b\s*/i;

function stripSecondCommand(body: string): string {
  return body.replace(POLITE, '').replace(SECOND_COMMAND, '');
}

/** Removes the command words ("add", "remind me to", "I need to"); `explicit` says whether any were there. */
function stripCommand(said: string): { body: string; explicit: boolean } {
  const marked = PRIORITY_TASK.exec(said);
  const text = marked ? `${marked[1]!}${said.slice(marked[0].length)} ${PRIORITY_MARK[marked[2]!.toLowerCase().split(/[\s-]/)[0]!] ?? marked[2]!}` : said;
  const put = PUT_ON_LIST.exec(text.replace(POLITE, ''));
  if (put) return { body: `${put[1]!}${put[2]!}`, explicit: true };
  const putDown = PUT_DOWN.exec(text.replace(POLITE, ''));
  if (putDown && !/^(?:down|in)\b/i.test(putDown[1]!)) return { body: `${putDown[1]!}${putDown[2]!}`, explicit: true };
  const remindWhen = REMIND_WHEN_TO.exec(text);
  if (remindWhen) return { body: `${remindWhen[2]!} ${remindWhen[1]!}`, explicit: true };
  const polite = text.replace(POLITE, '');
  for (const command of COMMANDS) {
    const { match, rest } = extract(polite, command);
    // "add X to my todos", "add please remind me to X": the list named, or a second command, goes too.
    if (match && match.index === 0) return { body: stripSecondCommand(rest.trim().replace(ON_MY_LIST, '').replace(ON_NAMED_LIST, (_, name: string) => ` #${name.toLowerCase()}`)), explicit: true };
  }
  return { body: polite, explicit: false };
}


function schedule(draft: TaskDraft, text: string, context: ParseContext): string {
  const recurrence = findRecurrence(text);
  const rest = recurrence?.rest ?? text;
  const found = findDate(rest, context);
  const remaining = found ? withoutDate(rest, found) : rest;
  if (recurrence?.rule.freq === 'HOURLY' && !found) {
    const first = Math.floor((context.now.getTime() + (recurrence.rule.interval ?? 1) * HOUR_MS) / 60_000) * 60_000;
    draft.dueAt = formatInZone(new Date(first), context.timeZone);
    draft.recurrence = { rrule: toRrule(recurrence.rule, today(context), context.timeZone), timezone: context.timeZone };
  } else if (recurrence) {
    const clock = found?.hasTime ? clockForPartOfDay(found.clock, recurrence.hour, text) : { hour: recurrence.hour ?? 9, minute: 0 };
    const from = found?.hasDay ? found.day : today(context);
    draft.dueAt = formatInZone(firstOccurrence(recurrence.rule, from, clock, context), context.timeZone);
    draft.recurrence = { rrule: toRrule(recurrence.rule, today(context), context.timeZone), timezone: context.timeZone };
  } else if (found) {
    draft.dueAt = found.dueAt;
  }
  return remaining;
}

/**
 * Reminders said as moments ("remind me at 7am") as offsets before the due time; a task without one
 * is due at the first moment. Moments after the due time are dropped.
 */
function withMoments(draft: TaskDraft, moments: ReminderMoment[], context: ParseContext): string[] {
  if (moments.length === 0) return [];
  draft.dueAt ??= momentAsDue(moments[0]!, context);
  const dueAt = draft.dueAt;
  return [...new Set(moments.map((moment) => offsetBefore(moment, dueAt, context.timeZone)).filter((offset) => offset !== undefined))];
}

/**
 * A new task: "add buy milk tomorrow at 5pm #shopping !high", "remind me to call mom every sunday at 10am",
 * "dentist next friday 3pm remind me 1 hour before". Without command words a message is a new task only
 * when it carries a date, repetition, tag or priority. Undefined when it is not a new task.
 */
export function addIntent(text: string, context: ParseContext): Intent | undefined {
  const { body, explicit } = stripCommand(text);
  const draft: TaskDraft = { title: '' };
  let rest = body;
  const note = extract(rest, NOTE);
  if (note.match) {
    draft.description = tidy(note.match[1]!);
    rest = note.rest;
  }
  // A quoted phrase is kept whole (dates and tags inside it are words): a marker holds its place.
  const quoted = QUOTED.exec(rest);
  if (quoted) rest = `${rest.slice(0, quoted.index)} ${QUOTE_MARK} ${rest.slice(quoted.index + quoted[0].length)}`;
  const reminders = findReminders(rest, context);
  const tags = findTags(reminders.rest);
  const priority = findPriority(tags.rest);
  rest = schedule(draft, priority.rest, context);
  if (reminders.reminders) draft.reminders = [...reminders.reminders, ...withMoments(draft, reminders.moments ?? [], context)];
  const marked = draft.dueAt !== undefined || tags.tags.length > 0 || priority.priority !== undefined;
  if (!explicit && (!marked || QUESTION.test(text))) return undefined;
  const words = tidy(tidy(tidy(tidy(rest).replace(DUE_WORDS, '')).replace(DANGLING, '').replace(DUE_WORDS, '')).replace(DANGLING, '').replace(THAT_IS, ''))
    .replace(DAY_HEADER, '')
    .replace(/^(?:remind|ping)\s+me\s+(?:to|about)\s+/i, '')
    .replace(/^(?:to|that)\s+/i, '')
    .replace(SUBJECT, '')
    // "add pay IPVA too": said after another task, "too" is no part of this one.
    .replace(/ (?:too|as well)$/i, (tail, offset: number, title: string) => (title.slice(0, offset).includes(' ') ? '' : tail))
    // "remind me an hour before my call with Jonas": the call is the task.
    .replace(/^my\s+(?=\S)/i, (my) => (/\bbefore\s+my\s/i.test(text) ? '' : my));
  // "add 'buy milk' tomorrow" is titled buy milk; "read 'Tomorrow and Tomorrow' by the 30th" keeps its verb and quotes.
  // "the task 'Sign the permission slips'", "'order coffee' as well": words around the quote that only announce it.
  const onlyQuoted = quoted && words.split(/\s+/).every((word) => word === QUOTE_MARK || QUOTE_FILLER.has(word.toLowerCase().replace(/[,.:;]/g, '')));
  const title = quoted ? (onlyQuoted ? quoted[2]!.trim() : words.replace(QUOTE_MARK, quoted[0])) : words;
  if (!title || /^(?:a\s+)?(?:task|todo|item|reminder)$/i.test(title)) return explicit ? { kind: 'unknown', reason: 'say what the task is, e.g. "add buy milk tomorrow"' } : undefined;
  if (title.length > 200) return { kind: 'unknown', reason: 'that title is too long (200 characters at most)' };
  // "schedule annual review with Dana": with no day said, scheduling it is the task.
  draft.title = draft.dueAt === undefined && /^schedule\s/i.test(text.replace(POLITE, '')) ? `schedule ${title}` : title;
  if (tags.tags.length > 0) draft.tags = tags.tags;
  if (priority.priority) draft.priority = priority.priority;
  return { kind: 'add', task: draft };
}
