import { dueValue, priorityValue, recurrenceChange } from './change-values';
import type { Intent, ParseContext, TaskChanges, TaskRef } from './intent';
import { findPriority, findTags } from './priority-tags';
import { dayOfMonthOnly, valueChanges } from './follow-up';
import { parseRef, titleWords } from './refs';
import { DURATION, isoDuration } from './durations';
import { tidy, unquote } from './text';

type Rule = { pattern: RegExp; changes: (value: string, context: ParseContext) => TaskChanges | undefined; refGroup?: 1 | 2 };

const newTitle = (value: string): TaskChanges | undefined => {
  const title = unquote(value) ?? tidy(value.replace(/^:\s*/, ''));
  return title ? { title } : undefined;
};
const due = (value: string, context: ParseContext): TaskChanges | undefined => {
  const found = dueValue(value, context);
  // "move the dentist to 18:00": a time alone keeps the task's day.
  if (found?.timeOnly) return { timeOfDay: found.clock };
  if (found) return { dueAt: found.dueAt, ...(found.dayOnly ? { keepTimeOfDay: true as const } : {}), ...dayOfMonthOnly(value) };
  // "push the dentist to 4" (a bare hour), "move swimming to wednesdays" (a new repetition).
  const bare = BARE_TIME.test(value.trim()) ? valueChanges(value, context) : undefined;
  return bare ?? recurrenceChange(value, context);
};
const BARE_TIME = /^(?:at\s+)?\d{1,2}(?::[0-5]\d)?\s*(?:am|pm)?$/i;
const priority = (value: string): TaskChanges | undefined => {
  const marked = findPriority(value);
  const level = priorityValue(value) ?? (tidy(marked.rest) === '' ? marked.priority : undefined);
  return level ? { priority: level } : undefined;
};
const tagWords = (value: string): string[] => {
  const { tags, rest } = findTags(value);
  const words = tidy(rest.replace(/^(?:with|as)\s+/i, ''))
    // Never from inside a run of spaces (see weekdays.ts).
    .split(/(?:(?<!\s)|(?!\s))\s*(?:,|\band\b|&|\s)\s*/)
    .filter((word) => /^\p{L}[\p{L}\p{N}_-]*$/u.test(word))
    .map((word) => word.toLowerCase());
  return [...new Set([...tags, ...words])];
};
const addTags = (said: string): TaskChanges | undefined => {
  // "tag it #health, so I can find it": the reason is no tag.
  const value = said.replace(/(?<![\s,]),\s*(?:so|because|as|since|then)\b.*$/i, '').replace(/(?<!\s)\s+(?:too|also|as\s+well)$/i, '');
  // "tag it chores not home": one tag instead of another.
  const instead = /^#?(\p{L}[\p{L}\p{N}_-]*)\s+(?:not|instead\s+of)\s+#?(\p{L}[\p{L}\p{N}_-]*)$/iu.exec(value.trim());
  if (instead) return { addTags: [instead[1]!.toLowerCase()], removeTags: [instead[2]!.toLowerCase()] };
  const tags = tagWords(value);
  return tags.length > 0 ? { addTags: tags } : undefined;
};
const replaceTags = (value: string): TaskChanges | undefined => {
  const tags = tagWords(value);
  return tags.length > 0 ? { tags } : undefined;
};
const removeTags = (value: string): TaskChanges | undefined => {
  const tags = tagWords(value);
  return tags.length > 0 ? { removeTags: tags } : undefined;
};
const description = (value: string): TaskChanges | undefined => {
  const text = unquote(value) ?? tidy(value);
  return text ? { description: text } : undefined;
};
const later = (value: string): TaskChanges | undefined => {
  const duration = isoDuration(value);
  return duration && duration !== 'PT0S' ? { shiftBy: duration } : undefined;
};
const earlier = (value: string): TaskChanges | undefined => {
  const changes = later(value);
  return changes ? { shiftBy: `-${changes.shiftBy}` } : undefined;
};
const STATUS_WORD = /^(?:done|complete|completed|finished|not done|undone|incomplete|pending|open)$/i;
const newValue = (value: string, context: ParseContext): TaskChanges | undefined => priority(value) ?? due(value, context) ?? recurrenceChange(value, context);
/** "the 2nd, landlord said ok": a new value, then why; the why is no part of it. */
const newValueThenWhy = (value: string, context: ParseContext): TaskChanges | undefined => {
  const cut = value.search(/[,;]/);
  const first = cut > 0 && value.slice(cut + 1).trim() !== '' ? value.slice(0, cut).trim() : undefined;
  return newValue(value, context) ?? (first ? newValue(first, context) : undefined);
};
const anything = (value: string, context: ParseContext): TaskChanges | undefined => (STATUS_WORD.test(value.trim()) ? undefined : newValueThenWhy(value, context) ?? newTitle(value));

/** "make it 3pm", "make that next wednesday", "make it weekly": a new value for the task just discussed, never a new title. */
const aboutIt = (value: string, context: ParseContext): TaskChanges | undefined => (STATUS_WORD.test(value.trim()) ? undefined : newValueThenWhy(value, context) ?? addTags(value.startsWith('#') ? value : ''));

/** "#a #b", "#a, #b and #c": a space comes before each further tag ("#a#b" is one `\S+` already), so a list splits one way. */
const TAG_LIST = String.raw`#\S+(?:\s+(?:(?:,|and|&)\s*)?#\S+)*`;
const TAGS_TAIL = String.raw`((?:with\s+|as\s+)?${TAG_LIST})`;
const SHORT_REF = String.raw`(it|that(?: one)?|this(?: one)?|#?\d{1,3}|the (?:first|second|third|fourth|fifth|last) one)`;
const RECURS = String.raw`((?:every|each|daily|weekly|monthly|yearly|annually|fortnightly|bi-?weekly)\b.*)`;

const SHIFT = String.raw`(${DURATION})`;
const DAY_WORD = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|tomorrow|today|the\s+\d{1,2}(?:st|nd|rd|th)`;
const MOVE_VERB = String.raw`(?:move|reschedule|postpone|push|shift|delay|defer|snooze|bump)`;

/**
 * Each phrasing: the ref is group 1 and the new value group 2, unless `refGroup` says 2. A phrase is
 * `\S(?:.*?\S)??` or `\S.*`, never `.+?`/`.+` beside `\s+`: a phrase that could begin or end in spaces
 * could split a run of spaces many ways, and a failing match would try every split.
 */
const RULES: Rule[] = [
  // "change the date to 7th", "change to 15th", "shift to 11:30", "put time 19:00 for it": the task just discussed.
  { pattern: /^(?:change|set|update|move|shift|switch)\s+the\s+(?:due\s+)?(?:date|time|day|deadline)\s+()(?:to|as)\s+(\S.*)$/i, changes: due },
  { pattern: /^(?:change|shift|move|push|postpone|switch|reschedule)\s+()(?:it\s+)?to\s+(\S.*)$/i, changes: anything },
  { pattern: /^(?:put|set|add|make)\s+(?:the\s+)?time\s+()(?:to\s+|as\s+|at\s+)?(\S(?:.*?\S)??)(?:\s+for\s+(?:it|that|this))?$/i, changes: due },
  // "the chama meeting was moved to 3pm, kindly update".
  { pattern: /^([^\s,](?:[^,]*?[^\s,])??)\s+(?:was|has\s+been|have\s+been|got|is|are|been)\s+(?:moved|changed|shifted|pushed|postponed|rescheduled|preponed|brought\s+forward)\s+to\s+(\S.*)$/i, changes: anything },
  // "change friday to saturday", "move tomorrow to thursday": the old day, then the new one, of the task just discussed.
  { pattern: new RegExp(String.raw`^(?:change|move|switch|swap)\s+()(?:${DAY_WORD})\s+(?:to|for)\s+(\S.*)$`, 'i'), changes: due },
  { pattern: /^(?:change|set|switch|update)\s+(?:the\s+|its\s+)?priority\s+()(?:to\s+)?(\S.*)$/i, changes: priority },
  { pattern: /^(?:lower|reduce|decrease|drop|downgrade)\s+(?:the\s+|its\s+)?priority(?:\s+(?:of|on|for)\s+([^\s,;](?:[^,;]*?[^\s,;])??))?()(?:\s+to\s+low)?(?:\s*[,;].*)?$/i, changes: () => ({ priority: 'low' }) },
  // "I don't need any reminder for it".
  { pattern: /^(?:i\s+)?(?:don'?t|do\s+not)\s+(?:need|want)\s+(?:any\s+|a\s+)?reminders?(?:\s+(?:for|about)\s+(it|that|this))?()$/i, changes: () => ({ reminders: [] }) },
  { pattern: /^(?:raise|increase|upgrade|bump\s+up|up)\s+(?:the\s+|its\s+)?priority(?:\s+(?:of|on|for)\s+([^\s,;](?:[^,;]*?[^\s,;])??))?()(?:\s*[,;].*)?$/i, changes: () => ({ priority: 'high' }) },
  { pattern: /^(?:add|set|give\s+it|put)\s+()(?:a\s+|the\s+)?(?:due\s+date|due\s+time|deadline)(?:\s*:\s*|\s+(?:of|for|to|as|on)\s+|\s+)(\S.*)$/i, changes: due },
  // "friday afternoon works better": the new value, said as what suits.
  { pattern: /^()(\S(?:.*?\S)??)\s+(?:works|would\s+work|is|would\s+be|suits(?:\s+me)?)\s+better(?:\s+for\s+me)?$/i, changes: due },
  { pattern: /^(it|that|this(?:\s+one)?)\s+(?:needs|has|have)\s+to\s+(?:go|be\s+(?:done|sent|finished|ready|in|out|paid)|happen|get\s+done)\s+((?:by|on|before)\s+\S.*)$/i, changes: (value, context) => due(value.replace(/^(?:by|on|before)\s+/i, ''), context) },
  { pattern: /^(it|that|this(?:\s+one)?)\s+(?:repeats|recurs|should\s+repeat|happens|is)\s+((?:every|each)\b.*|daily|weekly|monthly|yearly|fortnightly|bi-?weekly)$/i, changes: recurrenceChange },
  { pattern: /^(?:stop|don'?t\s+let)\s+(it|that|this(?:\s+one)?)\s+(?:from\s+)?repeat(?:ing)?()$/i, changes: () => ({ recurrence: null }) },
  { pattern: new RegExp(String.raw`^${MOVE_VERB}\s+(\S(?:.*?\S)??)\s+(?:back\s+|out\s+|later\s+)?(?:by|for)\s+${SHIFT}$`, 'i'), changes: later },
  { pattern: new RegExp(String.raw`^(?:push|move|shift|put)\s+(\S(?:.*?\S)??)\s+(?:back|out)\s+(?:by\s+)?${SHIFT}$`, 'i'), changes: later },
  { pattern: new RegExp(String.raw`^${MOVE_VERB}\s+(\S(?:.*?\S)??)\s+${SHIFT}\s+later$`, 'i'), changes: later },
  { pattern: new RegExp(String.raw`^(?:bring|move|pull|shift)\s+(\S(?:.*?\S)??)\s+forward\s+(?:by\s+)?${SHIFT}$`, 'i'), changes: earlier },
  { pattern: new RegExp(String.raw`^${MOVE_VERB}\s+(\S(?:.*?\S)??)\s+${SHIFT}\s+earlier$`, 'i'), changes: earlier },
  { pattern: /^(?:remove|clear|delete|drop|unset)\s+(?:the\s+)?(?:due\s+date|due\s+time|deadline|date)\s+(?:from|of|on|for)\s+(\S.*)()$/i, changes: () => ({ dueAt: null }) },
  { pattern: /^no\s+(?:due\s+)?(?:date|deadline|due)\s+(?:for|on)\s+(\S.*)()$/i, changes: () => ({ dueAt: null }) },
  { pattern: /^(?:stop|don'?t|do not|no longer)\s+repeat(?:ing)?\s+(\S(?:.*?\S)??)(?:\s*,\s*(?:just|only)\s+(?:this|the\s+next|the\s+one|once)\b.*)?()$/i, changes: () => ({ recurrence: null }) },
  { pattern: /^(?:remove|cancel|delete|clear|drop)\s+(?:the\s+)?(?:repeat|repetition|recurrence)\s+(?:from|of|on|for)\s+(\S.*)()$/i, changes: () => ({ recurrence: null }) },
  { pattern: /^(?:make|set)\s+(\S(?:.*?\S)??)\s+(?:an?\s+)?(?:not\s+repeat|non-?recurring|one-?off(?:\s+task)?|one-?time(?:\s+task)?)(?:\s*,\s*not\s+(?:recurring|repeating))?()$/i, changes: () => ({ recurrence: null }) },
  { pattern: /^(?:no|turn off|disable|remove|cancel|delete|clear|stop)\s+(?:the\s+|all\s+)?reminders?\s+(?:for|on|from|of|about)\s+(\S.*)()$/i, changes: () => ({ reminders: [] }) },
  { pattern: /^(?:don'?t|do not|never)\s+remind\s+me\s+(?:about|of)\s+(\S.*)()$/i, changes: () => ({ reminders: [] }) },
  { pattern: /^(?:rename|retitle)\s+((["']).+?\2)\s+(?:to|as)(?:\s*:)?\s*(\S.*)$/i, changes: (value) => newTitle(value) },
  { pattern: /^(?:rename|retitle)\s+(\S(?:.*?\S)??)\s+(?:to|as)(?:\s*:)?\s+(\S.*)$/i, changes: newTitle },
  { pattern: /^(?:change|set|update)\s+the\s+(?:title|name)\s+(?:of|for)\s+(\S(?:.*?\S)??)\s+to(?:\s*:)?\s+(\S.*)$/i, changes: newTitle },
  { pattern: /^call\s+(it|that|this one)\s+(\S.*)$/i, changes: newTitle },
  { pattern: /^(?:move|reschedule|postpone|push|shift|delay|defer|snooze|bring forward|prepone|extend|advance)\s+(\S(?:.*?\S)??)\s+(?:to|for|until|till)\s+(\S.*)$/i, changes: due },
  { pattern: /^(?:change|set|update)\s+the\s+(?:due\s+)?(?:date|time|deadline)\s+(?:of|for|on)\s+(\S(?:.*?\S)??)\s+to\s+(\S.*)$/i, changes: due },
  { pattern: /^(?:make|set)\s+(\S(?:.*?\S)??)\s+due\s+(\S.*)$/i, changes: due },
  { pattern: /^(?:change|set|update)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(\S(?:.*?\S)??)\s+to\s+(\S.*)$/i, changes: priority },
  { pattern: /^(?:make|mark|set|bump|raise|flag)\s+(\S(?:.*?\S)??)\s+(?:as\s+|to\s+)?((?:an?\s+)?!?(?:low|medium|normal|high|urgent|important|critical)(?:[\s-]+priority)?|p[1-4]|!{1,3})$/i, changes: priority },
  { pattern: /^(it|that|this)'?s\s+((?:very\s+)?(?:urgent|important|high priority|low priority))$/i, changes: (value) => priority(value.replace(/^very\s+/i, '')) },
  { pattern: /^(?:make|set|have|let|get)\s+(\S(?:.*?\S)??)\s+(?:to\s+)?(?:repeat|recur)\s+(\S.*)$/i, changes: recurrenceChange },
  { pattern: /^(?:repeat|recur)\s+(\S(?:.*?\S)??)\s+(every\b.+|each\b.+|daily.*|weekly.*|monthly.*|yearly.*)$/i, changes: recurrenceChange },
  { pattern: new RegExp(String.raw`^(?:make|set)\s+(\S(?:.*?\S)??)\s+${RECURS}$`, 'i'), changes: recurrenceChange },
  // "make the call 2pm instead", "make the dentist thursday".
  { pattern: new RegExp(String.raw`^(?:make|set)\s+(?!sure\b)(\S(?:.*?\S)??)\s+((?:at\s+|on\s+|for\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d|(?:${DAY_WORD})(?:\s+(?:at\s+)?\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?)?))(?:\s+instead)?$`, 'i'), changes: due },
  // "change the tag to #music", "swap the tags on the report to work": the tags it has, replaced.
  { pattern: /^(?:change|swap|switch|replace|update|set|make)\s+(?:the\s+|its\s+|my\s+)?(?:tags?|labels?)\s+()(?:to|with|for|as)\s+(\S.*)$/i, changes: replaceTags },
  { pattern: /^(?:change|swap|switch|replace|update|set)\s+(?:the\s+)?(?:tags?|labels?)\s+(?:of|on|for)\s+(\S(?:.*?\S)??)\s+(?:to|with)\s+(\S.*)$/i, changes: replaceTags },
  // "put a #medical tag on it", "give it a #work tag".
  { pattern: new RegExp(String.raw`^(?:put|add|stick|slap)\s+(?:an?\s+|the\s+)?(${TAG_LIST})\s+(?:tags?|labels?)\s+(?:on|to|onto)\s+(\S.*)$`, 'i'), changes: addTags, refGroup: 2 },
  { pattern: new RegExp(String.raw`^give\s+${SHORT_REF}\s+(?:an?\s+|the\s+)?(${TAG_LIST})\s+(?:tags?|labels?)$`, 'i'), changes: addTags },
  // "and add #kids", "add #work to it".
  { pattern: new RegExp(String.raw`^(?:add|put|stick)\s+()(${TAG_LIST})(?:\s+(?:to\s+(?:it|that|this)|too|as\s+well))?$`, 'i'), changes: addTags },
  // "put it under #kids too", "file that in #work".
  { pattern: new RegExp(String.raw`^(?:put|file|add|pop|stick)\s+${SHORT_REF}\s+(?:under|in|into|to)\s+(${TAG_LIST})(?:\s+(?:too|as\s+well))?$`, 'i'), changes: addTags },
  { pattern: new RegExp(String.raw`^tag\s+(\S(?:.*?\S)??)\s+${TAGS_TAIL}$`, 'i'), changes: addTags },
  { pattern: new RegExp(String.raw`^tag\s+${SHORT_REF}\s+(?:with\s+|as\s+)?(\S.*)$`, 'i'), changes: addTags },
  // "tag the slides one work too".
  { pattern: /^tag\s+(the\s+\S+(?:\s+\S+)?\s+one)\s+(?:with\s+|as\s+)?(\p{L}[\p{L}\p{N}_-]*)(?:\s+(?:too|as\s+well))?$/iu, changes: addTags },
  { pattern: /^(?:add|put|stick|give)\s+(?:the\s+|a\s+)?tags?\s+(\S(?:.*?\S)??)\s+(?:to|on|onto)\s+(\S.*)$/i, changes: addTags, refGroup: 2 },
  // "add tags kids and school".
  { pattern: /^(?:add|put)\s+()(?:the\s+)?(?:tags?|labels?)\s+(\S.*)$/i, changes: addTags },
  { pattern: new RegExp(String.raw`^untag\s+(\S(?:.*?\S)??)\s+${TAGS_TAIL}$`, 'i'), changes: removeTags },
  { pattern: /^(?:remove|delete|drop)\s+(?:the\s+)?tags?\s+(\S(?:.*?\S)??)\s+from\s+(\S.*)$/i, changes: removeTags, refGroup: 2 },
  { pattern: new RegExp(String.raw`^(?:remove|delete|drop)\s+(${TAG_LIST})\s+from\s+(\S.*)$`, 'i'), changes: removeTags, refGroup: 2 },
  // No `$`: the note runs to the end anyway (a normalized message has no line breaks), and the linter then sees it cannot fail.
  { pattern: /^(?:add\s+(?:a\s+)?(?:note|description)\s+to|note\s+(?:for|on|to)|(?:set|change)\s+the\s+(?:description|note|notes)\s+(?:of|for|on))\s+(\S(?:.*?\S)??)\s*(?::|\bto\b|\bas\b)\s*(\S.*)/i, changes: description },
  { pattern: new RegExp(String.raw`^(?:make|change|set|switch|move|put)\s+${SHORT_REF}\s+(?:to\s+|for\s+|on\s+|at\s+)?(\S.*)$`, 'i'), changes: aboutIt },
  { pattern: /^(?:change|set|update|switch)\s+(?!(?:me\s+)?(?:a|an)\s+(?:reminder|alarm)\b)(\S(?:.*?\S)??)\s+to\s+(\S.*)$/i, changes: anything },
  { pattern: /^(?:can|could)\s+(?:we\s+(?:move|have|do)\s+)?([^\s,](?:[^,]*?[^\s,])??)\s+(?:be\s+(?:on|at|moved\s+to)|go\s+(?:on|to)|be)\s+(\S(?:.*?\S)??)(?:\s+instead)?$/i, changes: due },
  // "boss meeting change to 4:30pm", "the landlord one make it 9am".
  { pattern: /^([^\s,](?:[^,]*?[^\s,])??)\s+(?:(?:make|set)\s+it|(?:change|move|push|shift)(?:\s+it)?\s+to)\s+(\S.*)$/i, changes: aboutIt },
  // "the boiler one should be wednesday", "2 is high priority".
  { pattern: /^([^\s,](?:[^,]*?[^\s,])??)\s+(?:should\s+be|is\s+now|needs\s+to\s+be(?:\s+done)?)\s+(?:on\s+)?(\S(?:.*?\S)??)(?:\s+instead)?$/i, changes: aboutIt },
  { pattern: /^([^\s,](?:[^,]*?[^\s,])??)\s+(?:is|'s)\s+(?:now\s+|actually\s+)?((?:at|on)\s+\S.*|\d{1,2}:[0-5]\d|\d{1,2}(?::[0-5]\d)?\s*(?:am|pm))$/i, changes: (value, context) => due(value.replace(/^(?:at|on)\s+/i, ''), context) },
  { pattern: /^([^\s,](?:[^,]*?[^\s,])??)\s+is\s+((?:an?\s+)?(?:low|medium|normal|high|urgent|important|critical)(?:[\s-]+priority)?|p[1-4])$/i, changes: priority },
];

function refFrom(phrase: string | undefined): TaskRef | undefined {
  // A rule with an empty ref group is about the task just discussed.
  if (!phrase) return { kind: 'it' };
  const quoted = unquote(phrase);
  return quoted ? { kind: 'title', text: quoted } : parseRef(titleWords(phrase) === '' ? phrase : phrase);
}

/** "it's the vet not the dentist", "it's John not Jhon", "it's tuesday, not thursday": what it is instead. */
const INSTEAD_OF = /^(?:it'?s|it\s+is|(?:it|that)\s+should\s+be|should\s+be|i\s+meant)\s+(\S(?:.*?\S)??),?\s+not\s+(\S(?:.*\S)?)$/i;
const withoutArticle = (words: string) => tidy(words.replace(/^(?:the|a|an|my)\s+/i, ''));

/** Changes to one task: due time, title, priority, tags, repetition or note. Undefined when none applies. */
/** "it's just this once, not every week": the task stops repeating. */
const JUST_ONCE = /^(?:(?:it'?s|it\s+is|make\s+it|it\s+should\s+be)\s+)?(?:(?:just|only)\s+)?(?:this\s+once|a\s+one-?off|one\s+time\s+only|once)(?:,?\s+not\s+(?:every\s+\p{L}+|weekly|daily|monthly|recurring|repeating))?$/iu;
/** "it's not urgent", "low is fine": the priority said as what will do. */
const NOT_URGENT = /^(?:it'?s|it\s+is)\s+not\s+(?:that\s+|so\s+|very\s+|really\s+)?(?:urgent|important)(?:\s+any\s?more)?$/i;
const LEVEL_WILL_DO = /^(low|medium|normal|high|urgent)(?:\s+priority)?\s+(?:(?:is|would\s+be|will\s+be)\s+(?:fine|ok|okay|good|enough|better)|will\s+do)$/i;
/** "take the date off it", "take the urgent flag off it". */
const DATE_OFF = /^(?:take|get)\s+the\s+(?:due\s+)?(?:date|deadline|time)\s+off(?:\s+(?:it|that|this))?$/i;
const FLAG_OFF = /^(?:take|get|remove)\s+the\s+(?:urgent|high|important|priority)(?:[\s-]+priority)?\s+(?:flag|tag|mark(?:er)?|label|status)\s+off(?:\s+(?:it|that|this))?$/i;

export function updateIntent(text: string, context: ParseContext): Intent | undefined {
  if (JUST_ONCE.test(text)) return { kind: 'update', target: { kind: 'it' }, changes: { recurrence: null } };
  if (DATE_OFF.test(text)) return { kind: 'update', target: { kind: 'it' }, changes: { dueAt: null } };
  if (FLAG_OFF.test(text)) return { kind: 'update', target: { kind: 'it' }, changes: { priority: 'medium' } };
  if (NOT_URGENT.test(text)) return { kind: 'update', target: { kind: 'it' }, changes: { priority: 'low' } };
  const level = LEVEL_WILL_DO.exec(text);
  if (level) return { kind: 'update', target: { kind: 'it' }, changes: { priority: priorityValue(level[1]!) ?? 'medium' } };
  const instead = INSTEAD_OF.exec(text);
  if (instead) {
    const [to, from] = [withoutArticle(instead[1]!), withoutArticle(instead[2]!)];
    // "that should be 'order the hymn sheets', not the books": a new title, said whole.
    const quotedTitle = unquote(instead[1]!.trim());
    if (quotedTitle) return { kind: 'update', target: { kind: 'it' }, changes: { title: quotedTitle } };
    // "it should be #work not #personal": one tag for another.
    if (/^#\S+$/.test(to) && /^#\S+$/.test(from)) return { kind: 'update', target: { kind: 'it' }, changes: { addTags: tagWords(to), removeTags: tagWords(from) } };
    const changes = newValue(instead[1]!, context) ?? (to && from ? { replaceInTitle: { from, to } } : undefined);
    if (changes) return { kind: 'update', target: { kind: 'it' }, changes };
  }
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const [refPhrase, value] = rule.refGroup === 2 ? [match[2]!, match[1]!] : [match[1]!, match[match.length - 1]!];
    const target = refFrom(refPhrase);
    const changes = rule.changes(value, context);
    if (target && changes) return { kind: 'update', target, changes };
  }
  return undefined;
}
