/** True when `typed` is `word` with one letter left out, one letter too many, or two neighbours swapped. */
export function oneSlipFrom(typed: string, word: string): boolean {
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
 * Date and repetition words long enough that one slip of the fingers seldom makes another word of
 * them; the few it does make ("ever", "very", "minute", "complete", "mourning") and plurals
 * ("saturdays") stay as typed, and so do capitalised words, which are names ("Frida").
 */
const DATE_WORDS = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'august', 'september', 'october', 'november', 'december',
  'tomorrow', 'tonight', 'morning', 'afternoon', 'evening', 'weekend', 'every', 'minutes', 'completed', 'actually',
];
const REAL_WORDS = new Set(['ever', 'very', 'eery', 'minute', 'complete', 'mourning']);
const WORD = /(?<![#@\w'-])\p{L}{4,10}(?![\w'-])/gu;

/** Misspellings further than one slip that people make often. */
const COMMON = new Map(Object.entries({ wendsday: 'wednesday', wensday: 'wednesday', wedensday: 'wednesday', wedsday: 'wednesday', wednessday: 'wednesday', thurday: 'thursday', thursay: 'thursday', saterday: 'saturday', tusday: 'tuesday', teusday: 'tuesday' }));

/** "thursdy" → "thursday", "evry" → "every", "compelted" → "completed": one slip from a date word, corrected. */
export function withDateWordsFixed(text: string): string {
  return text.replace(WORD, (typed) => {
    const common = COMMON.get(typed);
    if (common) return common;
    // Capitalised words are names; a word in capitals throughout is shouting, read as lower case.
    const shouted = /^\p{Lu}+$/u.test(typed) ? typed.toLowerCase() : undefined;
    if (shouted !== undefined) return DATE_WORDS.find((word) => word !== shouted && oneSlipFrom(shouted, word)) ?? COMMON.get(shouted) ?? typed;
    if (/^\p{Lu}/u.test(typed) || REAL_WORDS.has(typed) || DATE_WORDS.includes(typed)) return typed;
    return DATE_WORDS.find((word) => typed !== `${word}s` && oneSlipFrom(typed, word)) ?? typed;
  });
}
