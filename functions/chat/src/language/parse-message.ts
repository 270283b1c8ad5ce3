import { addIntent } from './add-intent';
import { findDate } from './dates';
import { aboutIt } from './about-it';
import { askAbout } from './ask-about';
import { pastTenseDone, SO_DONE } from './past-tense';
import { followUpValue } from './follow-up';
import { bulkIntent } from './bulk-intents';
import type { Intent, ParseContext, TaskChanges } from './intent';
import { withLastClause } from './last-clause';
import { listIntent } from './list-intent';
import { remindIntent } from './remind-intent';
import { requestAmongTalk } from './request-among-talk';
import { showIntent } from './show-intent';
import { impossibleDay } from './impossible-dates';
import { isOtherLanguage } from './other-language';
import { withoutPreamble } from './preamble';
import { CAN_DO, OTHER_LANGUAGE, plainTask } from './plain-task';
import { isGreeting, isPause, isThanks, smallTalk } from './small-talk';
import { normalize, tidy, withoutCourtesy, withoutTrailingEmoji } from './text';
import { updateIntent } from './update-intent';
import { withVerbFixed } from './verb-typos';

/** The longest message the chat accepts; the route refuses longer ones before they reach the parser. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** "can you summarise this email", "play some music", "set an alarm": work on text or a device, which the chat does not do. */
export const NOT_FOR_TASKS = /^(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:what(?:'s|\s+is)\s+the\s+time|what\s+time\s+is\s+it|how\s+(?:many|much)\s+(?:days|weeks|hours|minutes|months|years|sleeps|time)\s+(?:till|until|to|before|left)|(?:ugh\s+|omg\s+)?it'?s\s+(?:raining|snowing|pouring|so\s+(?:hot|cold)|freezing|boiling|windy|sunny)|(?:tell\s+me\s+)?(?:what|how)(?:'s|\s+is|\s+will)?\s+the\s+(?:weather|forecast|traffic|temperature)|(?:(?:do|would)\s+you\s+)?(?:happen\s+to\s+)?know\s+(?:whether|if|when|what|how)|is\s+it\s+going\s+to\s+(?:rain|snow)|(?:summari[sz]e|translate|rewrite|proofread|paraphrase)\s+(?:this|that|it|these|the\s+(?:following|email|message|text|above|thread))|draft\s+(?:a\s+)?(?:reply|response)|reply\s+to\s+(?:this|that|the)\s+(?:email|message)|answer\s+this|play\s+(?:some\s+)?(?:music|songs?|the\s+radio|a\s+song|my\s+playlist)|set\s+an?\s+(?:alarm|timer)|turn\s+(?:on|off)\s+the\s+(?:[\p{L}-]+\s+){0,2}(?:lights?|tv|radio|heating|fan)|(?:volume|lights?)\s+(?:up|down|on|off))\b/iu;
const BARE_NUMBER = /^(?:#|number\s+|no\.?\s*)?(\d{1,3})$/i;

function understand(text: string, context: ParseContext): Intent {
  return (
    smallTalk(text) ??
    followUpValue(text, context) ??
    aboutIt(text, context) ??
    remindIntent(text, context) ??
    updateIntent(text, context) ??
    bulkIntent(text) ??
    showIntent(text) ??
    listIntent(text, context) ??
    askAbout(text) ??
    (context.followsTask ? pastTenseDone(text) : undefined) ??
    addIntent(text, context) ?? { kind: 'unknown', reason: 'I could not tell what to do' }
  );
}

const NEVER_MIND = /^(?:oh\s+|ok(?:ay)?\s+)?never\s*mind(?:[\s,]+(?:then|that|it|(?:i|we|you|he|she|they|it|that|there)(?:'\w+)?\s+\S.*))?$/i;
const DELETE_IT = /^(?:scratch|scrap|bin|ditch|forget)\s+(?:that|it|this)(?:\s+one)?(?:[\s,]+(?:please|pls|thanks|thank\s+you))?$/i;
const SO_THEN = /(?<=\S)\s+(?:so|then|and\s+so)\s+((?:make|move|change|set|push|shift)\s+(?:it|that)\b(?:(?!\s(?:so|then)\s).)*)$/gi;
const WEEKDAY_ONLY = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?$/i;
const CORRECTION = /^(?:actually|oops|sorry|no\b|nope|wait|i meant|i mean)/i;
/** "not friday, saturday": the new value after the one it replaces. */
const NOT_BUT = /^not\s+[^,]{1,30},\s*(?:but\s+)?(\S.*)$/i;
/**
 * "tag it family and make it low priority", "it doesn't need a date, no rush": several changes to the
 * task just discussed, each a phrase of its own, made together.
 */
function mergedChanges(text: string, context: ParseContext): Intent | undefined {
  // ("please" between the changes asks nothing of its own.)
  const parts = text.split(/,|\band\b/).map((part) => tidy(part)).filter((part) => part !== '' && !/^(?:please|pls|thanks|thank\s+you|kindly)$/i.test(part));
  if (parts.length < 2 || parts.length > 4) return undefined;
  // "make it repeat every monday, wednesday and friday": one list of days, not three changes.
  if (/\b(?:every|each|repeat|recur)\b/i.test(parts[0]!) && parts.slice(1).every((part) => WEEKDAY_ONLY.test(part))) return undefined;
  let changes: TaskChanges = {};
  for (const part of parts) {
    const intent = followUpValue(`make it ${part}`, context) ?? understand(part, context);
    if (intent.kind !== 'update' || intent.target.kind !== 'it') return undefined;
    changes = { ...changes, ...intent.changes, ...(changes.addTags && intent.changes.addTags ? { addTags: [...changes.addTags, ...intent.changes.addTags] } : {}) };
  }
  return { kind: 'update', target: { kind: 'it' }, changes };
}


/**
 * "the brakes are grinding again. book the car in at the garage saturday", "we're not going anymore. get
 * rid of it": a last sentence that is a request, after talk that names no day.
 */
function requestAfterTalk(text: string, context: ParseContext): Intent | undefined {
  const sentences = text.split(/(?<!\b(?:mr|mrs|ms|dr|st|mt|jr|sr|vs|etc|no|approx)\.)(?<=[.!?])\s+(?=\p{L})/iu);
  if (sentences.length < 2) return undefined;
  const talk = sentences.slice(0, -1).join(' ');
  if (findDate(talk, context)) return undefined;
  const request = parseNormalized(sentences.at(-1)!, context);
  const aboutIt = (request.kind === 'delete' || request.kind === 'complete') && request.targets.every((target) => target.kind === 'it');
  return (request.kind === 'add' && request.task.dueAt !== undefined) || aboutIt || (request.kind === 'update' && request.target.kind === 'it') ? request : undefined;
}

/** What people add after a request to say why: "…, the gardener's doing it", "…, I'll rebook later". */
const WHY = /^(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|he|she|they|he's|she's|they're|they'll|it|it's|that's|because|cause|cos|coz|since|as|already|no\s+longer|turns\s+out|there'?s|there\s+is|no\s+(?:rush|hurry)|(?:the|my|our)\s+\p{L}+(?:'s|\s+(?:is|are|was|were|has|have|will|said|says|did|does|isn't|aren't|wasn't|won't|shut|went|got|came|left|quit|broke|\p{L}{2,}ed))|\p{L}+(?:'s|'re)\s+(?:\p{L}{2,}ing|been|gone|done|off|over|cancell?ed|sorted)|not\s+sure|no\s+idea|unsure|so\s+(?:i|we|that|it|they)(?=\s)|(?:don't|doesn't|didn't|won't|can't|not)\s+(?:need|needed|happening|going|doing|know))\b/iu;

/**
 * "forget the hedges, the gardener's doing it", "remove the due date, I'll rebook later": a request
 * about a task, then why; the why is no part of it.
 */
function commandThenWhy(text: string, context: ParseContext): Intent | undefined {
  const cut = /,|\s[-–—]\s/.exec(text);
  if (!cut || !WHY.test(text.slice(cut.index + cut[0].length).trim())) return undefined;
  const request = parseNormalized(text.slice(0, cut.index), context);
  return ['delete', 'complete', 'update', 'remind', 'reopen'].includes(request.kind) ? request : undefined;
}

/**
 * Understands one chat message relative to `context.now` in `context.timeZone`. Pure: no I/O and no
 * clock of its own. References to tasks ("it", "2", "the dentist") are left for the caller to resolve.
 *
 * @example parseMessage('add buy milk tomorrow at 5pm #shopping', { now, timeZone: 'Europe/Berlin' })
 */
export function parseMessage(message: string, context: ParseContext): Intent {
  if (message.length > MAX_MESSAGE_LENGTH) return { kind: 'unknown', reason: `that message is too long (${MAX_MESSAGE_LENGTH} characters at most)` };
  // "great, thanks": thanks said before a sign-off would be cut from it.
  if (isThanks(tidy(message.replace(/\s+/g, ' ')))) return { kind: 'thanks' };
  const normalized = normalize(message);
  // "report's done ✅": emoji at the end say nothing of what to do, but stay in a new task's title.
  const plain = withoutTrailingEmoji(normalized);
  if (plain !== normalized && plain !== '') {
    const intent = parseNormalized(plain, context);
    if (intent.kind !== 'add') return intent;
    // "take the chicken out, remind me in 20 min 🍗": read without the emoji, which stays at the end of the title.
    const withEmoji = parseNormalized(normalized, context);
    const emoji = normalized.slice(plain.length).trim();
    return withEmoji.kind === 'add' && withEmoji.task.title.endsWith(emoji) && withEmoji.task.title !== `${intent.task.title} ${emoji}`
      ? { ...intent, task: { ...intent.task, title: `${intent.task.title} ${emoji}` } }
      : withEmoji;
  }
  return parseNormalized(normalized, context);
}

function parseNormalized(normalized: string, context: ParseContext): Intent {
  if (/^\?+$/.test(normalized)) return { kind: 'help' };
  if (isThanks(tidy(normalized))) return { kind: 'thanks' };
  if (isGreeting(tidy(normalized))) return { kind: 'greeting' };
  if (isPause(tidy(normalized))) return { kind: 'pause' };
  // "scratch that, please": the task just discussed goes.
  if (DELETE_IT.test(tidy(normalized))) return { kind: 'delete', targets: [{ kind: 'it' }] };
  // "never mind", "nvm she cancelled": what was just said is off (nothing to take back: nothing to do).
  if (NEVER_MIND.test(tidy(normalized))) return context.followsTask ? { kind: 'delete', targets: [{ kind: 'it' }] } : { kind: 'pause' };
  const amongTalk = requestAmongTalk(normalized, context, parseNormalized);
  if (amongTalk) return amongTalk;
  const text = tidy(withoutCourtesy(tidy(normalized)));
  if (text === '') return { kind: 'unknown', reason: 'the message is empty' };
  if (isOtherLanguage(text)) return OTHER_LANGUAGE;
  if (NOT_FOR_TASKS.test(text)) return { kind: 'unknown', reason: `I can only answer questions about your tasks. ${CAN_DO}` };
  // "I rang the surgery this morning so that's sorted": a report that something was done.
  const soDone = SO_DONE.test(text);
  // "Marcus came by and collected it, so that's done": the task just discussed, whatever the talk before.
  const reported = soDone ? pastTenseDone(text) ?? (context.followsTask ? { kind: 'complete', targets: [{ kind: 'it' }] } : undefined) : undefined;
  if (reported) return reported;
  // "mvoe it to nxt mon": a slip in a command verb before "it", "that" or a number.
  const fixedVerb = withVerbFixed(text);
  if (fixedVerb && /^\S+\s+(?:it|that|this|#?\d)\b/i.test(fixedVerb)) return parseNormalized(fixedVerb, context);
  const request = withoutPreamble(text, context);
  if (request !== text) {
    const intent = parseNormalized(request, context);
    if (intent.kind === 'add' || intent.kind === 'remind' || intent.kind === 'list') return intent;
  }
  const number = CORRECTION.test(tidy(normalized)) ? null : BARE_NUMBER.exec(text);
  if (number) return { kind: 'unknown', reason: `say what to do with ${number[1]}, e.g. "complete ${number[1]}", "delete ${number[1]}" or "move ${number[1]} to friday"` };
  const impossible = impossibleDay(text);
  if (impossible) return { kind: 'unknown', reason: `there is no ${impossible}` };
  // "actually the 27th", "oops, thursday", "no wait 9:30": a correction of the task just discussed.
  const correcting = CORRECTION.test(tidy(normalized)) || context.followsTask;
  const correction = correcting ? followUpValue(text, context) ?? followUpValue(`make it ${text.replace(/^(?:it\s+)?is\s+/i, '')}`, context) : undefined;
  if (correction) return correction;
  // "the party's on the 16th so make it the 15th": the request after the reason.
  // The last such request only, so the tail is read once, whatever the message repeats.
  const soThen = context.followsTask ? [...text.matchAll(SO_THEN)].at(-1) : undefined;
  if (soThen) {
    const tail = parseNormalized(soThen[1]!, context);
    if (tail.kind === 'update') return tail;
  }
  const notBut = NOT_BUT.exec(text);
  const replaced = notBut ? followUpValue(`make it ${notBut[1]!.replace(/^(?:make|set|move|change|shift)\s+it\s+(?:to\s+)?/i, '')}`, context) : undefined;
  if (replaced) return replaced;
  const merged = context.followsTask ? mergedChanges(text, context) : undefined;
  if (merged) return merged;
  // (Before courtesy words were cut too: "scratch that, the design isn't final yet".)
  const why = commandThenWhy(tidy(normalized), context) ?? commandThenWhy(text, context);
  if (why) return why;
  const afterTalk = requestAfterTalk(text, context);
  if (afterTalk) return afterTalk;
  const intent = withLastClause(text, context, understand);
  if (intent.kind !== 'unknown') return intent;
  const fixed = withVerbFixed(text);
  const retried = fixed === undefined ? undefined : understand(fixed, context);
  if (retried && retried.kind !== 'unknown') return retried;
  // A question is never a task: the question mark tidying took off still says so.
  return plainTask(/\?\s*$/.test(normalized) ? `${text}?` : text, context) ?? intent;
}
