import type { TaskSummary } from '../conversation/conversation-state';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const CANCEL = /^(cancel|never ?mind|none|neither|nothing|no|stop|forget it)\b/i;

/**
 * Reads the answer to "which one do you mean?": a number ("2", "#2", "number 2"), an ordinal
 * ("the second", "2nd one", "the last"), a candidate's exact title, or words only one candidate's title holds
 * ("the landlord one"). `null` when the message is
 * something else (then it is handled as a new message), `'cancel'` when the user gives up.
 */
export function readClarifyAnswer(message: string, candidates: readonly TaskSummary[]): number | 'cancel' | null {
  const text = message.trim().toLowerCase().replace(/(?<![.!?])[.!?]+$/, '').trim();
  if (CANCEL.test(text)) return 'cancel';
  const bare = text.replace(/^(the|number|no\.?|#)\s*/, '').replace(/(?<!\s)\s+one$/, '').trim();
  let index: number | null = null;
  const digits = /^(\d{1,2})(st|nd|rd|th)?$/.exec(bare);
  if (digits) index = Number(digits[1]) - 1;
  else if (ORDINALS.includes(bare)) index = ORDINALS.indexOf(bare);
  else if (bare === 'last') index = candidates.length - 1;
  else {
    const byTitle = candidates.findIndex((candidate) => candidate.title.trim().toLowerCase() === text);
    if (byTitle >= 0) index = byTitle;
    else index = onlyCandidateWith(bare.replace(/^(?:one\s+(?:for|about|with)|the)\s+/, '').replace(/'s$/, ''), candidates);
  }
  return index !== null && index >= 0 && index < candidates.length ? index : null;
}

/** "the landlord one", "landlord": the one candidate whose title holds every word given. */
function onlyCandidateWith(words: string, candidates: readonly TaskSummary[]): number | null {
  const wanted = words.split(/\s+/).filter((word) => word.length > 1);
  if (wanted.length === 0 || wanted.length > 4) return null;
  const matching = candidates.map((candidate, index) => ({ index, title: candidate.title.toLowerCase() })).filter(({ title }) => wanted.every((word) => title.includes(word)));
  return matching.length === 1 ? matching[0]!.index : null;
}
