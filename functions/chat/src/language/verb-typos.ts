import { oneSlipFrom } from './word-slips';

/** Command verbs worth correcting when the first word of a message misspells one. */
const VERBS = ['add', 'show', 'list', 'find', 'search', 'delete', 'remove', 'complete', 'finish', 'rename', 'move', 'reschedule', 'postpone', 'remind', 'change', 'update', 'cancel', 'mark', 'reopen', 'clear', 'create', 'tag'];

/** Words one slip from a verb that are words of their own ("how" is no "show"). */
const REAL_WORDS = new Set(['how', 'lost', 'last', 'fin', 'mover', 'moved', 'ist', 'hows', 'shows', 'lists', 'lit', 'mark', 'clean', 'lear', 'creat', 'remains', 'tad', 'tab', 'dad', 'odd']);

/**
 * The message with its first word replaced by the command verb it misspells ("shwo my tasks" → "show
 * my tasks", "delte 2" → "delete 2"); undefined when the first word misspells none. Substituted letters
 * are not corrected ("lost keys" stays), so only slips of the fingers are.
 */
export function withVerbFixed(text: string): string | undefined {
  const match = /^(\p{L}{2,12})\b/u.exec(text);
  if (!match) return undefined;
  const typed = match[1]!.toLowerCase();
  if (VERBS.includes(typed) || REAL_WORDS.has(typed)) return undefined;
  const verb = VERBS.find((word) => oneSlipFrom(typed, word));
  return verb ? `${verb}${text.slice(match[0].length)}` : undefined;
}
