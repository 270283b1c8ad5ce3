/** Command verbs worth correcting when the first word of a message misspells one. */
const VERBS = ['add', 'show', 'list', 'find', 'search', 'delete', 'remove', 'complete', 'finish', 'rename', 'move', 'reschedule', 'postpone', 'remind', 'change', 'update', 'cancel', 'mark', 'reopen', 'clear', 'create', 'tag'];

/** True when `typed` is `word` with one letter left out, one letter too many, or two neighbours swapped. */
function oneSlipFrom(typed: string, word: string): boolean {
  if (typed.length === word.length) {
    const at = [...typed].findIndex((letter, index) => letter !== word[index]);
    return at >= 0 && at < typed.length - 1 && typed[at] === word[at + 1] && typed[at + 1] === word[at] && typed.slice(at + 2) === word.slice(at + 2);
  }
  const [short, long] = typed.length < word.length ? [typed, word] : [word, typed];
  if (long.length - short.length !== 1) return false;
  for (let index = 0; index < long.length; index++) if (long.slice(0, index) + long.slice(index + 1) === short) return true;
  return false;
}

/**
 * The message with its first word replaced by the command verb it misspells ("shwo my tasks" → "show
 * my tasks", "delte 2" → "delete 2"); undefined when the first word misspells none. Substituted letters
 * are not corrected ("lost keys" stays), so only slips of the fingers are.
 */
export function withVerbFixed(text: string): string | undefined {
  const match = /^(\p{L}{2,12})\b/u.exec(text);
  if (!match) return undefined;
  const typed = match[1]!.toLowerCase();
  if (VERBS.includes(typed)) return undefined;
  const verb = VERBS.find((word) => oneSlipFrom(typed, word));
  return verb ? `${verb}${text.slice(match[0].length)}` : undefined;
}
