const IGNORED = new Set(['the', 'a', 'an', 'my', 'to', 'for', 'of', 'and', 'on', 'at', 'in', 'with', 'one', 'task', 'it', 'up', 'off', 'from', 'this', 'that', 'thing', 'things', 'stuff', 'job']);

/** Words for the same thing, read as one: "the phone call" is the task "ring the plumber". */
const SAME: Record<string, string> = { ring: 'call', rang: 'call', phone: 'call', phoned: 'call', telephone: 'call', mail: 'emai', 'e-mail': 'emai' };

/** The words that carry meaning, cut to a stem of four letters: "picking up the cake" → pick, cake. */
function stems(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1 && !IGNORED.has(word)).map((word) => SAME[word] ?? word.slice(0, 4)))];
}

/**
 * The titles that share most of the words of `text` ("done with picking up the cake" → "pick up the
 * cake", "the lawns one" → "mow lawns"), at least half of its words: one when it is the closest, several
 * when they are equally close ("paid the bill" with "pay phone bill" and "pay water bill"), none when none is.
 */
export function closestTitles<T extends { title: string }>(text: string, tasks: readonly T[]): T[] {
  const wanted = stems(text);
  if (wanted.length === 0) return [];
  const scored = tasks
    .map((task) => ({ task, shared: stems(task.title).filter((stem) => wanted.includes(stem)).length }))
    .filter(({ shared }) => shared * 2 >= wanted.length && shared > 0)
    .sort((a, b) => b.shared - a.shared);
  return scored.filter(({ shared }) => shared === scored[0]?.shared).map(({ task }) => task);
}
