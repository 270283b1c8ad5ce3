import { findDate, withoutDate } from './dates';
import { tidy } from './text';
import type { ParseContext } from './intent';

/** Where a request starts inside a longer message ("… but could you add …", "… and I need to …"). */
const REQUEST = /\b(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:add|put|remind|note|write|jot|set|make|schedule|pop)\b|(?:please\s+)?remind\s+me\s+(?:to|at|in|on|about|tomorrow)\b|(?:i|we)\s+(?:really\s+)?(?:need|have|must|got|want|ought)\s+to\b|(?:i|we)\s+must\b|i(?:'ve|\s+have)\s+got\s+(?:an?|the|my)\b|(?:i\s+)?need\s+reminding\b|don'?t\s+let\s+me\s+forget\b|(?:i\s+)?promised\s+\p{Lu}\p{L}*\s+(?:i'?d|i\s+would|to)\s+)/iu;
const PROMISED = /^(?:i\s+)?promised\s+(\p{Lu}\p{L}*)\s+(?:i'?d|i\s+would|to)\s+/iu;
const MAX_PREAMBLE_WORDS = 16;
/** A question ("what do I have to do"), or a negation right before the request ("don't remind me"). */
const NOT_A_PREAMBLE = /^\s*(?:what|which|when|where|who|how|why|do|does|did|is|are|am|can|could|should|any|have|has)\b|\b(?:don'?t|do\s+not|never|no\s+need\s+to|not)\s*$/i;
/** Talk before a request ends in a connector ("… but", "… and", "… so") or a sentence; "call the bank, remind me at 2" is one task. */
const ENDS_WITH_CONNECTOR = /(?:\b(?:but|and|so|then|because|cause|as|anyway)[\s,]*|[.!?…]\s+)$/i;
/** "I need to", "I must": a new thing to do, which a date in the talk before belongs to. */
const OBLIGATION = /^(?:i|we)\s+/i;

/**
 * A long message's request without the talk before it: "sorry I'm not very good with these things
 * but I need to collect my glasses on the 9th" → "I need to collect my glasses on the 9th". A date
 * said in the talk goes with the request ("my daughter is coming on the 15th and I need to get the
 * room ready" → "… get the room ready the 15th"). The message as it was when there is no such talk.
 */
export function withoutPreamble(text: string, context: ParseContext): string {
  const match = REQUEST.exec(text);
  if (!match) return text;
  if (match.index === 0) return PROMISED.test(text) ? text.replace(PROMISED, '') : text;
  const preamble = text.slice(0, match.index);
  if (preamble.split(/\s+/).filter(Boolean).length > MAX_PREAMBLE_WORDS || NOT_A_PREAMBLE.test(preamble)) return text;
  // "tomorrow I need to ring the council": a date first, then the request.
  const leadingDate = findDate(preamble, context);
  if (leadingDate && OBLIGATION.test(match[0]) && tidy(withoutDate(preamble, leadingDate)) === '') return `${text.slice(match.index)} ${preamble.trim()}`;
  if (!ENDS_WITH_CONNECTOR.test(preamble)) return text;
  let request = text.slice(match.index);
  const promised = PROMISED.exec(request);
  if (promised) request = request.slice(promised[0].length);
  const date = findDate(preamble, context);
  // "vaccination Friday 8:00, remind me at 7": the talk before was the task itself.
  if (date && !OBLIGATION.test(match[0])) return text;
  if (date && !findDate(request, context)) request = `${request} ${date.spans.map((span) => preamble.slice(span.index, span.index + span.length)).join(' ')}`;
  return request;
}
