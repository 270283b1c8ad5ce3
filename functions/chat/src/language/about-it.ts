import { DURATION, isoDuration } from './durations';
import { valueChanges } from './follow-up';
import type { Intent, ParseContext, TaskChanges, TaskRef } from './intent';
import { parseRef } from './refs';
import { IT_PHRASE, QUOTED, tidy } from './text';

const IT = IT_PHRASE;
const ON_IT = String.raw`(?:\s+(?:of|for|on|from|to)\s+${IT})?`;
const it: TaskRef = { kind: 'it' };
const update = (changes: TaskChanges, target: TaskRef = it): Intent => ({ kind: 'update', target, changes });

type Phrase = { pattern: RegExp; intent: (match: RegExpExecArray, context: ParseContext) => Intent | undefined };

/** Whole-message phrasings about the task just discussed (and a few about a named one) that the command phrasings do not cover. */
const PHRASES: Phrase[] = [
  { pattern: new RegExp(String.raw`^(?:${IT}(?:'s|\s+is)\s+(?:now\s+)?(?:all\s+)?(?:done|finished|complete|completed|sorted)(?:\s+now)?|(?:tick|check|cross|mark)\s+${IT}\s+off|mark\s+${IT}\s+(?:as\s+)?(?:done|complete|completed|finished))$`, 'i'), intent: () => ({ kind: 'complete', targets: [it] }) },
  { pattern: new RegExp(String.raw`^(?:scratch\s+that|(?:delete|remove|cancel|drop|scrap|trash|bin|erase)\s+${IT}|forget\s+(?:about\s+)?${IT})$`, 'i'), intent: () => ({ kind: 'delete', targets: [it] }) },
  { pattern: /^(?:take|strike)\s+(\S(?:.*?\S)??)\s+off\s+(?:my|the)\s+(?:list|todo list|to-do list)$/i, intent: (m) => named('delete', m[1]!) },
  { pattern: /^(\S(?:.*?\S)??)\s*[-–:,]\s*(?:done|finished|completed|complete)\b[\s\p{P}\p{S}]*$/iu, intent: (m) => named('complete', m[1]!) },
  { pattern: new RegExp(String.raw`^(?:remove|clear|delete|drop|unset|take)\s+(?:the\s+)?(?:due\s+date|due\s+time|deadline|date)(?:\s+off(?:\s+(?:of\s+)?${IT})?)?${ON_IT}(?:\s+off)?$|^(?:${IT}\s+)?(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+need\s+(?:a|the|any)\s+(?:due\s+)?(?:date|deadline)$|^no\s+(?:due\s+)?(?:date|deadline)(?:\s+(?:for|on)\s+${IT})?$`, 'i'), intent: () => update({ dueAt: null }) },
  { pattern: new RegExp(String.raw`^(?:(?:i\s+)?(?:got|have\s+got|have)\s+${IT}\s+done|(?:i\s+)?(?:already\s+)?(?:did|done|finished)\s+${IT}(?:\s+already)?|(?:it\s+)?is\s+(?:done|finished))$`, 'i'), intent: () => ({ kind: 'complete', targets: [it] }) },
  { pattern: /^(?:done|finished|all\s+done|sorted|did\s+it)[,.!](?:\s\S.*)?$/i, intent: () => ({ kind: 'complete', targets: [it] }) },
  { pattern: new RegExp(String.raw`^(?:set|change|update|move|put)\s+(?:the\s+)?(?:due\s+date|due\s+time|deadline|date|time|hour|day)${ON_IT}\s+(?:to\s+|for\s+)?(\S.*)$`, 'i'), intent: (m, context) => dueChange(m[1]!, context) },
  { pattern: new RegExp(String.raw`^(?:change|set|update)\s+(?:the\s+)?(?:title|name)${ON_IT}\s+to:?\s+(\S.*)$|^(?:rename|retitle)\s+(?:${IT}\s+(?:(?:to|as):?\s+)?|(?:to|as):?\s+)(\S.*)$|^call\s+${IT}\s+(\S.*)$`, 'i'), intent: (m) => titleChange(m[1] ?? m[2] ?? m[3]!) },
  { pattern: new RegExp(String.raw`^(?:remove|delete|drop)\s+(?:the\s+)?(?:#?(?!the\b)(\p{L}[\p{L}\p{N}_-]*)\s+tag|tags?\s+#?(\p{L}[\p{L}\p{N}_-]*))${ON_IT}$|^untag\s+(?:${IT}\s+)?#?(\p{L}[\p{L}\p{N}_-]*)$`, 'iu'), intent: (m) => update({ removeTags: [(m[1] ?? m[2] ?? m[3]!).toLowerCase()] }) },
  { pattern: new RegExp(String.raw`^add\s+(?:a\s+|the\s+)?(?:tags?:?\s+)?#?(\p{L}[\p{L}\p{N}_-]*)(?:\s+tag)?\s+to\s+${IT}$|^add\s+(?:a\s+|the\s+)?tags?:?\s+#?(\p{L}[\p{L}\p{N}_-]*)(?:\s+(?:too|as\s+well|also))?$|^tag\s+${IT}\s+(?:as\s+|with\s+)?#?(\p{L}[\p{L}\p{N}_-]*)$`, 'iu'), intent: (m) => update({ addTags: [(m[1] ?? m[2] ?? m[3]!).toLowerCase()] }) },
  // "tag the report as work" ("tag it family as well": "as well" is no tag).
  { pattern: /^tag\s+(\S(?:.*?\S)??)\s+as\s+#?(?!well$)(\p{L}[\p{L}\p{N}_-]*)$/iu, intent: (m) => { const target = parseRef(m[1]!); return target ? update({ addTags: [m[2]!.toLowerCase()] }, target) : undefined; } },
  { pattern: new RegExp(String.raw`^(?:${IT}\s+)?only\s+(?:needs\s+to\s+)?happens?\s+once$|^(?:just\s+)?(?:once|one\s+time)(?:\s+only)?$`, 'i'), intent: () => update({ recurrence: null }) },
  { pattern: /^(\S(?:.*?\S)??)'s\s+(?:done|finished|sorted)$/i, intent: (m) => (/^(?:it|that|this)$/i.test(m[1]!) ? { kind: 'complete', targets: [it] } : named('complete', m[1]!)) },
  { pattern: new RegExp(String.raw`^(?:lower|reduce|decrease|drop|downgrade)\s+(?:the\s+)?priority${ON_IT}$`, 'i'), intent: () => update({ priority: 'low' }) },
  { pattern: new RegExp(String.raw`^(?:raise|increase|bump|upgrade)\s+(?:up\s+)?(?:the\s+)?priority${ON_IT}$`, 'i'), intent: () => update({ priority: 'high' }) },
  { pattern: /^(?:add\s+)?(?:a\s+)?note\s*:\s*(\S.*)$/i, intent: (m) => update({ description: tidy(m[1]!) }) },
  { pattern: /^undo(?:\s+(?:that|it|this|the\s+last\s+(?:one|change)))?$/i, intent: () => ({ kind: 'undo' }) },
  { pattern: new RegExp(String.raw`^${IT}(?:'s|\s+is|\s+isn'?t)\s+(?:not\s+)?(?:done|finished|complete|completed)(?:\s+(?:yet|after\s+all))?$`, 'i'), intent: (m) => (/\bnot\b|isn'?t/i.test(m[0]) ? { kind: 'reopen', targets: [it] } : { kind: 'complete', targets: [it] }) },
  { pattern: new RegExp(String.raw`^(?:assign|label|file|categori[sz]e|put|mark)\s+${IT}\s+(?:as\s+|to\s+|under\s+|in\s+|with\s+)?(#[^\s#]+(?:\s+(?:(?:,|and|&)\s*)?#[^\s#]+)*)$`, 'i'), intent: (m) => update({ addTags: m[1]!.split(/[\s,&]+|\band\b/).filter((tag) => tag.startsWith('#')).map((tag) => tag.slice(1).toLowerCase()) }) },
  { pattern: new RegExp(String.raw`^add\s+(#[^\s#]+(?:\s+(?:(?:,|and|&)\s*)?#[^\s#]+)*)\s+to\s+${IT}$`, 'i'), intent: (m) => update({ addTags: m[1]!.split(/[\s,&]+|\band\b/).filter((tag) => tag.startsWith('#')).map((tag) => tag.slice(1).toLowerCase()) }) },
  { pattern: new RegExp(String.raw`^(?:i\s+)?(?:don'?t|do\s+not)\s+need\s+(?:a|any)\s+reminders?(?:\s+(?:for|on|about)\s+${IT})?$|^no\s+reminders?(?:\s+(?:for|on)\s+${IT})?(?:\s+(?:needed|at\s+all|please))?$|^(?:don'?t|do\s+not|no\s+need\s+to)\s+remind\s+me(?:\s+(?:for|about|of)\s+${IT})?$`, 'i'), intent: () => update({ reminders: [] }) },
  { pattern: /^(?:remove|delete|clear|drop)\s+(?:the\s+|all\s+(?:the\s+)?)?tags?(?:\s+(?:from|of)\s+(?:it|that|this))?$/i, intent: () => update({ tags: [] }) },
  { pattern: /^tag\s+(?:it\s+)?(#[^\s#]+(?:\s+#[^\s#]+)*)$/i, intent: (m) => update({ addTags: m[1]!.split(/\s+/).filter(Boolean).map((tag) => tag.replace(/^#/, '').toLowerCase()) }) },
  { pattern: new RegExp(String.raw`^(?:${IT}\s+)?(?:doesn'?t|does\s+not|don'?t|do\s+not|no\s+longer|shouldn'?t|should\s+not|won'?t|will\s+not)\s+(?:need\s+to\s+|have\s+to\s+)?(?:repeat|recur)(?:\s+any\s*more)?$|^stop\s+repeating(?:\s+${IT})?$|^(?:no\s+more|stop\s+the|remove\s+the)\s+(?:repeats?|repetition|recurrence)$`, 'i'), intent: () => update({ recurrence: null }) },
  { pattern: new RegExp(String.raw`^(?:also\s+|and\s+)?(?:remind|ping|alert|notify)\s+me\s+(?:also\s+)?(${DURATION})\s+(?:before(?:hand)?|ahead|earlier|prior|in\s+advance)(?:\s+${IT})?$`, 'i'), intent: (m) => ({ kind: 'remind', target: it, before: isoDuration(m[1]!)! }) },
  { pattern: new RegExp(String.raw`^(?:also\s+|and\s+)?(?:remind|ping|alert|notify|nudge)\s+me\s+the\s+day\s+before(?:\s+${IT})?$`, 'i'), intent: () => ({ kind: 'remind', target: it, before: 'P1D' }) },
];

function named(kind: 'complete' | 'delete', phrase: string): Intent | undefined {
  const target = parseRef(tidy(phrase));
  return target ? { kind, targets: [target] } : undefined;
}

function dueChange(value: string, context: ParseContext): Intent | undefined {
  const changes = valueChanges(value, context);
  return changes && ('dueAt' in changes || 'timeOfDay' in changes || 'shiftBy' in changes) ? update(changes) : undefined;
}

function titleChange(value: string): Intent | undefined {
  const quoted = QUOTED.exec(value);
  const title = quoted ? tidy(quoted[2]!) : tidy(value.replace(/(?<!\s)\s+(?:instead|please|pls)$/i, ''));
  return title ? update({ title }) : undefined;
}

/** "that's done now", "scratch that", "remove the due date", "rename it X", "add #diy to it", "remind me 15 minutes before"… */
export function aboutIt(text: string, context: ParseContext): Intent | undefined {
  for (const phrase of PHRASES) {
    const match = phrase.pattern.exec(text);
    if (match) return phrase.intent(match, context);
  }
  return undefined;
}
