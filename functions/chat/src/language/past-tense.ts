import type { Intent } from './intent';
import { tidy } from './text';

/** Past forms people report with, and the verb a task would start with. */
const IRREGULAR: Record<string, string> = {
  paid: 'pay', bought: 'buy', sent: 'send', did: 'do', got: 'get', made: 'make', rang: 'ring', wrote: 'write', took: 'take',
  went: 'go', gave: 'give', ran: 'run', sold: 'sell', found: 'find', told: 'tell', met: 'meet', read: 'read', put: 'put', brought: 'bring',
};
const PAST = /^(?:already\s+)?(?:i(?:\s+have|'ve)?\s+)?(?:already\s+|just\s+|finally\s+)?(\p{L}+)(?:\s+(\S(?:.*?\S)??))?(?:\s+(?:already|just now|today|yesterday|earlier|lol|haha))?$/iu;
/** "… this morning so that's sorted": what comes after the report. */
export const SO_DONE = /(?:,|(?<![\s,]))\s*\b(?:so\s+(?:that(?:\s+one)?|it)(?:'s|\s+is)\s+(?:sorted|done|dealt\s+with|finished|complete|completed)|all\s+(?:good|done|sorted)|(?:all\s+)?done\s+for\s+(?:today|the\s+day|now|this\s+week)|finally)$/i;
const WHEN_SAID = /(?<!\s)\s+(?:this|last)\s+(?:morning|afternoon|evening|night|week)$/i;
/** "the lawns are mown", "bins are out", "AWS bill paid": the thing in the state a done task leaves. */
const STATE = /^(?!(?:i|we|you)\b)(?:the\s+|my\s+)?([^\s,](?:[^,]*?[^\s,])??)\s+(?:(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:all\s+)?(?:paid|sent|booked|fixed|posted|submitted|returned|collected|renewed|filed|ordered|done|finished|sorted|completed|checked|watered|emailed|called|signed|printed|mailed|delivered|uploaded|packed|bought|washed|fed|handed\s+in|dropped\s+off|picked\s+up)|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:all\s+)?(?:out|mown|cleaned|taken\s+out))$/i;
/** Verbs that say a task is done whatever it was. */
const GENERIC_DONE = /^(?:i(?:'ve|\s+have)?\s+)?(?:already\s+|just\s+|finally\s+)?(?:handled|sorted(?:\s+out)?|dealt\s+with|took\s+care\s+of|taken\s+care\s+of|crossed\s+off|ticked\s+off|knocked\s+out|wrapped\s+up|got\s+through)\s+([^\s,](?:[^,]*[^\s,])?)$/i;
/** Verbs whose past is their present: a report needs a subject or an adverb before them. */
const SAME_FORM = /^(?:put|read|cut|set|hit|shut|let|quit|cast|spread)$/i;
const PRONOUN = /^(?:it|him|her|them|that|this)$/i;
/** Words that end in -ed but are no past tense of a task's verb. */
const NOT_PAST = /^(?:need|red|bed|seed|feed|weed|shed|speed|bleed|breed|greed|wed|head|thread|bread|spread|dread|lead|read|dead|shred|sled|fled|sacred|hundred)$/i;

function baseOf(verb: string): string | undefined {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (NOT_PAST.test(lower) || lower.length < 4) return undefined;
  if (/(?:ied)$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/([bdgmnprt])\1ed$/.test(lower)) return lower.slice(0, -3);
  // "managed", "moved", "received", "closed": the verb ends in e.
  if (/[^s][gvcszu]ed$/.test(lower) && !/(?:ssed|nged)$/.test(lower)) return lower.slice(0, -1);
  if (/(?:ed)$/.test(lower)) return lower.slice(0, -2);
  return undefined;
}

/**
 * "bought the notebooks", "I already paid the internet bill", "called him already": a report that
 * something was done completes the task it names (by the verb's base form and the words after it), or
 * the task just discussed ("him", "it").
 */
export function pastTenseDone(message: string): Intent | undefined {
  const text = message.replace(SO_DONE, '').replace(WHEN_SAID, '');
  const state = STATE.exec(text);
  if (state) return { kind: 'complete', targets: [PRONOUN.test(state[1]!) ? { kind: 'it' } : { kind: 'title', text: state[1]! }] };
  // "I've handled the insurance thing", "crossed off the car service": the verb only says it is done.
  const generic = GENERIC_DONE.exec(text);
  if (generic) return { kind: 'complete', targets: [PRONOUN.test(generic[1]!) ? { kind: 'it' } : { kind: 'title', text: tidy(generic[1]!) }] };
  const match = PAST.exec(text);
  if (!match || match[2]?.includes(',')) return undefined;
  const base = baseOf(match[1]!);
  if (!base) return undefined;
  // "put the bins out on wednesday" is a task; "I put the bins out" a report.
  if (SAME_FORM.test(match[1]!) && !/^(?:i|we|already|just|finally)\b/i.test(text)) return undefined;
  // "called": the verb alone names the task ("call the landlord"), or asks which one.
  if (match[2] === undefined) return { kind: 'complete', targets: [{ kind: 'title', text: base }] };
  const object = tidy(match[2]);
  if (PRONOUN.test(object)) return { kind: 'complete', targets: [{ kind: 'it' }] };
  return { kind: 'complete', targets: [{ kind: 'title', text: `${base} ${object}` }] };
}
