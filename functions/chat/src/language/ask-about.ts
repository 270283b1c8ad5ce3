import type { Intent } from './intent';
import { tidy } from './text';

const WHEN = /^(?:when|what\s+time|what\s+day)(?:'s|\s+is|\s+are|\s+was|\s+am\s+i|\s+do\s+i(?:\s+have\s+to)?|\s+should\s+i|\s+will\s+i)\s+(?:my\s+|the\s+)?(\S(?:.*?\S)??)(?:\s+(?:appointment|appt|due|scheduled|booked))?\??$/i;
/** "is the report done yet?": how that task stands. */
const DONE_YET = /^(?:is|are|have\s+i\s+(?:done|finished))\s+(?:the|my)\s+(\S(?:.*?\S)??)(?:\s+(?:done|finished|complete|completed|sorted))?(?:\s+yet)?\??$/i;
const ON_LIST = /^(?:is|are)\s+(\S(?:.*?\S)??)\s+(?:already\s+|still\s+)?(?:on|in)\s+(?:my|the)\s+(?:list|to-?dos?|to-?do list|tasks)\??$/i;
const ANY_OF_TAG = /^(?:(?:do\s+i\s+have|have\s+i\s+got|are\s+there)\s+)?any\s+(\p{L}[\p{L}\p{N}_-]*)\s+(?:tasks?|stuff|things|to-?dos?|items?|jobs?)(?:\s+(?:to\s+do|left|on))?\??$/iu;

/** "when is my dentist appointment?", "when am i calling grandma?", "is oat milk on my list?", "any home tasks?": questions about named tasks. */
export function askAbout(text: string): Intent | undefined {
  const when = WHEN.exec(text);
  if (when) return { kind: 'show', target: { kind: 'title', text: tidy(when[1]!) } };
  const doneYet = /\b(?:done|finished|complete|completed|sorted)(?:\s+yet)?\??$|\byet\??$/i.test(text) ? DONE_YET.exec(text) : null;
  if (doneYet) return { kind: 'show', target: { kind: 'title', text: tidy(doneYet[1]!) } };
  const onList = ON_LIST.exec(text);
  if (onList) return { kind: 'list', filter: { q: tidy(onList[1]!) }, label: `tasks matching "${tidy(onList[1]!)}"` };
  const tagged = ANY_OF_TAG.exec(text);
  if (tagged) return { kind: 'list', filter: { tags: [tagged[1]!.toLowerCase()], status: 'pending' }, label: `tasks tagged ${tagged[1]!.toLowerCase()}` };
  return undefined;
}
