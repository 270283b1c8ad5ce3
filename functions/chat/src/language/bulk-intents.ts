import type { Intent } from './intent';
import { MAX_TASKS_PER_MESSAGE, parseRefs } from './refs';

const MARKERS = /(?:^|\s)[#!]\p{L}/u;

type BulkKind = 'complete' | 'reopen' | 'delete';
/** `orIt`: the phrase describes what was done ("bought the milk"), so "it" is the fallback when no title matches. */
type Rule = { kind: BulkKind; pattern: RegExp; orIt?: true };

const NOT_DONE = String.raw`(?:not done|undone|not complete|incomplete|uncompleted|not finished|unfinished|pending|open|to ?do)`;
const DONE = String.raw`(?:done|complete|completed|finished|checked off|sorted|dealt with|taken care of|handled|paid|sent|booked|submitted|collected|bought|posted|chosen|confirmed|ordered|fixed|written|cleaned|renewed|returned|signed|filed|delivered|picked up|dropped off|deployed|released|shipped|merged|published|launched|installed|repaired)`;

/** Group 1 is the reference phrase (`\S(?:.*?\S)??` rather than `.+?`, see update-intent.ts); an empty one means "it". */
const RULES: Rule[] = [
  // "collected both, mark them done", "paid both of them": something done to the two just talked about.
  { kind: 'complete', pattern: /^(?:i\s+)?(?:\p{L}{2,}ed|did|paid|sent|got|bought|made|took|rang|wrote)\s+(both)(?:\s+of\s+them)?(?:(?:\s*,\s*|\s+)(?:so\s+)?(?:mark|tick|check)\s+(?:them|both)(?:\s+(?:off|as\s+done|done|complete|completed))?)?$/iu },
  // "I have called the landlord, tick it off": what was done says which task "it" is.
  { kind: 'complete', pattern: /^(?:i\s+(?:have\s+|'ve\s+|just\s+|already\s+)?)?(?:\p{L}{2,}ed|did|paid|sent|got|bought|made|took|rang|wrote)\s+([^\s,](?:[^,]*?[^\s,])??)\s*,\s*(?:so\s+)?(?:(?:tick|cross|check)\s+(?:it|that)\s+off|mark\s+(?:(?:it|that)\s+)?(?:as\s+)?(?:done|complete|completed)|that'?s\s+(?:it|done))$/iu, orIt: true },
  // "photographer confirmed, tick it off": the words before say which task "it" is.
  { kind: 'complete', pattern: new RegExp(String.raw`^([^\s,](?:[^,]*?[^\s,])??)\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+)?${DONE}\s*,\s*(?:so\s+)?(?:(?:tick|cross|check)\s+(?:it|that)\s+off|mark\s+(?:(?:it|that)\s+)?(?:as\s+)?(?:done|complete|completed)|that'?s\s+(?:it|done))$`, 'i'), orIt: true },
  { kind: 'reopen', pattern: new RegExp(String.raw`^mark\s+(\S(?:.*?\S)??)\s+(?:as\s+)?${NOT_DONE}$`, 'i') },
  { kind: 'reopen', pattern: new RegExp(String.raw`^(?:set|change|switch)\s+(\S(?:.*?\S)??)\s+(?:to|as)\s+${NOT_DONE}$`, 'i') },
  { kind: 'complete', pattern: new RegExp(String.raw`^(?:set|change|switch)\s+(\S(?:.*?\S)??)\s+(?:to|as)\s+${DONE}$`, 'i') },
  { kind: 'reopen', pattern: /^(?:reopen|re-open|uncheck|untick|uncomplete|un-complete|undo|restore)\s+(\S.*)$/i },
  { kind: 'complete', pattern: new RegExp(String.raw`^(?:.*,\s*)?mark\s+(\S(?:.*?\S)??)\s+(?:as\s+)?${DONE}$`, 'i') },
  { kind: 'complete', pattern: /^(?:all\s+)?(?:done|finished|completed)(?:\s*(?:with|:)\s*|\s+)(\S.*)$/i },
  { kind: 'complete', pattern: /^(?:done|finished|completed|all done|did it)()$/i },
  { kind: 'complete', pattern: /^(both(?:\s+of\s+them)?)\s+(?:are\s+)?(?:done|finished|completed)$/i },
  { kind: 'complete', pattern: /^close\s+(it|that|this(?:\s+one)?)\s+off$/i },
  { kind: 'complete', pattern: /^(?:tick|check|cross)\s+(\S(?:.*?\S)??)\s+off$/i },
  { kind: 'complete', pattern: /^(?:complete|finish|check off|check(?!\s+(?:what|if|whether|when|my\s+(?:list|tasks)))|tick off|tick|cross off|close)\s+(\S.*)$/i },
  { kind: 'complete', pattern: /^i(?:'ve| have)?\s+(?:finished|completed|done|did)\s+(\S.*)$/i },
  { kind: 'complete', pattern: new RegExp(String.raw`^(\S(?:.*?\S)??)\s+(?:is|are)\s+(?:now\s+|all\s+|both\s+)?${DONE}$`, 'i') },
  { kind: 'complete', pattern: new RegExp(String.raw`^(it|that|this)'?s\s+(?:now\s+)?${DONE}$`, 'i') },
  { kind: 'delete', pattern: /^(?:delete|del|rm|remove|cancel|trash|erase|drop|discard|scrap|scratch|(?:bin|ditch|nix|axe)(?=\s+(?:the|that|it|this|those|these|my|#?\d)\b)|get rid of|forget about|forget)\s+(\S.*)$/i },
  // "never mind the flowers" ("never mind she cancelled" says why, and names nothing).
  { kind: 'delete', pattern: /^never\s*mind\s+(?:about\s+)?(?!(?:i|we|you|he|she|they|it|that|this|there)(?:'\w+)?\s)([^\s,](?:[^,]*[^\s,])?)$/i },
  { kind: 'delete', pattern: /^(?:take|clear|cross|strike)\s+(\S(?:.*?\S)??)\s+off(?:\s+(?:the|my)\s+(?:list|to-?do\s+list))?(?:\s+(?:altogether|completely|entirely|for\s+good))?$/i },
  { kind: 'delete', pattern: /^(?:(?:i|we)\s+)?(?:don'?t|do\s+not|no\s+longer|won'?t)\s+need\s+(?:to\s+do\s+)?(?!(?:already|any\s?more)$)([^\s,](?:[^,]*?[^\s,])??)(?:\s+any\s?more)?$/i },
  { kind: 'delete', pattern: /^(?:there'?s\s+)?no\s+(?:more\s+)?need\s+(?:for|to\s+do)\s+([^\s,](?:[^,]*?[^\s,])??)(?:\s+any\s?more)?$/i },
  { kind: 'delete', pattern: /^(?:i\s+)?didn'?t\s+(?:mean|want)\s+to\s+(?:add|create|make)\s+(?:it|that|this)(?:\s+one)?()$/i },
  { kind: 'delete', pattern: /^(?:don'?t|do\s+not)\s+add\s+(?:it|that|this)(?:\s+one)?()$/i },
  // "hotfix deployed 👍", "invoice sent": the thing, then what happened to it (a new task when no title matches).
  // (Not "check whether the projector has been repaired": a question to find out is a task.)
  { kind: 'complete', pattern: new RegExp(String.raw`^(?!(?:get|have|has|had|make|let|see|keep|what|which|who|how|when|why|did|is|are|was|were|mark|set|change|switch|i|we)\b)(?![^,]*\b(?:whether|if)\s)([^\s,](?:[^,]*?[^\s,])??)\s+${DONE}$`, 'i') },
];

const CLEAR_COMPLETED = new RegExp(String.raw`^(?:clear|delete|remove|purge|clean up|get rid of|archive|trash)\s+(?:out\s+)?(?:all\s+)?(?:(?:the|my)\s+)?(?:${DONE}|ticked(?: off)?)(?:\s+(?:ones|tasks?|todos?|to-dos?|items?))?(?:\s+from\s+(?:my|the)\s+list)?$`, 'i');
const CLEAR_ALL = /^(?:clear|empty|wipe|reset|delete|remove)\s+(?:out\s+)?(?:(?:all\s+)?(?:my|the)\s+)?(?:list|todo list|to-do list|tasks|todos|everything|all(?: (?:of )?(?:them|my tasks|tasks))?)$/i;
const NAME_THEM = 'I only delete tasks you name, by number or title ("delete 2", "delete the dentist"); "clear completed" deletes the completed ones';

/** Completing, reopening and deleting one or more tasks; undefined when no phrasing fits. */
export function bulkIntent(text: string): Intent | undefined {
  if (CLEAR_COMPLETED.test(text)) return { kind: 'clear-completed' };
  if (CLEAR_ALL.test(text)) return { kind: 'unknown', reason: NAME_THEM };
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const phrase = match[1] ?? '';
    if (MARKERS.test(phrase)) return undefined;
    if (phrase === '') return { kind: rule.kind, targets: [{ kind: 'it' }] };
    const targets = parseRefs(phrase);
    if (!targets) return { kind: 'unknown', reason: rule.kind === 'delete' ? NAME_THEM : 'say which task' };
    if (targets.length > MAX_TASKS_PER_MESSAGE) return { kind: 'unknown', reason: `that names ${targets.length} tasks; I take at most ${MAX_TASKS_PER_MESSAGE} in one message` };
    return { kind: rule.kind, targets: rule.orIt ? targets.map((target) => (target.kind === 'title' ? { ...target, orIt: true as const } : target)) : targets };
  }
  return undefined;
}
