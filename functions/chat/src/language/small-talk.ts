import type { Intent } from './intent';

const GREETING_WORDS = new Set('hi hello hey hiya howdy yo hallo greetings good morning afternoon evening day there bot again everyone friend dear love mate to you'.split(' '));
const GREETING_CORE = new Set('hi hello hey hiya howdy yo hallo greetings morning afternoon evening'.split(' '));
const THANKS_WORDS = new Set(
  "ok okay great perfect cool nice awesome got it lovely brilliant haha hehe lol thanks thank you thx ty cheers much appreciated there bot again so a lot very everyone friend dear love mate that's thats that is all everything for now today bye goodbye see nothing else po lah salamat heaps loads tons bunch million muchly ta kindly is".split(' '),
);
const THANKS_CORE = new Set('thanks thank thx ty ta cheers appreciated bye goodbye salamat'.split(' '));
/** The words of a short message, lower-cased, without punctuation. */
const wordsOf = (text: string) => text.toLowerCase().split(/[\s,.!?;:]+/).filter(Boolean);
const HELP = /^(?:help(?: me| please)?|\?+|what can you do|(?:(?:could|can|would)\s+you\s+)?(?:explain|tell\s+me)\s+what\s+you(?:'re|\s+are)?\s+(?:able\s+to\s+(?:help(?:\s+me)?(?:\s+with)?|do)|can\s+do)|what do you do|what can i (?:say|do|ask)|how does (?:this|it) work|how (?:do|does|can) i .+|commands|examples|usage|instructions)$/i;
const REMINDERS = /^(?:(?:what|which|show|list|any|see|view|check|my|upcoming|all|do i have|are there)\b[^#\d]+\breminders?\b[^#\d]*|reminders|when will you remind me|what will you remind me (?:of|about))$/i;
const NOTIFICATIONS = /^(?:(?:what|which|show|list|any|see|view|check|my|all|do i have|are there|new)\b[^#\d]+)?\b(?:notifications?|alerts)\b[^#\d]*$|^what did i miss$/i;

const HOW_ARE_YOU = /^(?:(?:hi|hello|hey|hiya|yo)(?:\s+there)?[\s!,.]+)?how(?:'s|s|\s+is|\s+are|\s+r)\s+(?:you|u|it\s+going|things|(?:your|ur)\s+day(?:\s+(?:going|been))?)(?:\s+doing)?(?:\s+today)?[\s?!.]*$/i;

/** A greeting and nothing else (checked before courtesy words are cut: "hello there, good morning to you"). */
export function isGreeting(text: string): boolean {
  // "hello! how are you doing today?"
  if (HOW_ARE_YOU.test(text)) return true;
  const words = wordsOf(text);
  return words.length > 0 && words.length <= 8 && words.every((word) => GREETING_WORDS.has(word)) && words.some((word) => GREETING_CORE.has(word));
}

/** Thanks (checked before courtesy words are cut: "great, thanks" is thanks, not "great"). */
export function isThanks(text: string): boolean {
  // "thanks mate, you're a lifesaver": praise after thanks is thanks too.
  const praised = text.replace(/(?<![\s,.!])[\s,.!]+(?:you(?:'?re|\s+are|'ve\s+been|\s+have\s+been)|ur)\s+(?:a\s+|the\s+|so\s+|very\s+|really\s+)?(?:lifesaver|star|legend|hero|gem|champ|rock\s?star|(?:the\s+)?best|amazing|awesome|brilliant|great|wonderful|(?:so\s+|very\s+|really\s+)?(?:helpful|kind))[\s!.]*$/i, '');
  if (praised !== text) return isThanks(praised);
  const words = wordsOf(text);
  const closing = /\bthat(?:'?s|\s+is)\s+(?:all|it|everything)\b|\bnothing\s+else\b/i.test(text);
  return words.length > 0 && words.length <= 10 && words.every((word) => THANKS_WORDS.has(word)) && (closing || words.some((word) => THANKS_CORE.has(word)));
}

/** Greetings, help, and the reminder and notification lists: whole-message phrases only. */
const PAUSE = /^(?:(?:ok(?:ay)?|hm{2,}|um+|right|so|well)[\s,]+)*(?:let\s+me\s+(?:think|see)|hold\s+on|one\s+(?:sec|second|moment|minute)|give\s+me\s+a\s+(?:sec|second|minute|moment)|just\s+a\s+(?:sec|second|moment|minute))[\s.!…]*$/i;

/** "ok let me think", "hold on": the person is not done yet. */
export const isPause = (text: string) => PAUSE.test(text);

export function smallTalk(text: string): Intent | undefined {
  if (isGreeting(text)) return { kind: 'greeting' };
  if (HELP.test(text)) return { kind: 'help' };
  if (NOTIFICATIONS.test(text)) return { kind: 'list-notifications' };
  if (REMINDERS.test(text)) return { kind: 'list-reminders' };
  return undefined;
}
