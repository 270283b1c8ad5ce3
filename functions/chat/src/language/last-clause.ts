import { addIntent } from './add-intent';
import { pastTenseDone } from './past-tense';
import { isTalk } from './request-among-talk';
import type { Intent, ParseContext, TaskChanges, TaskRef } from './intent';
import { tidy, withoutCourtesy } from './text';

/** The parser's reading of one whole phrase (parse-message's, passed in to keep the files apart). */
export type Understand = (text: string, context: ParseContext) => Intent;

const REFERS_TO_IT = new Set(['update', 'complete', 'delete', 'remind', 'reopen']);

/**
 * "I returned the books, tick it off", "the class got cancelled, delete it", "not that important after
 * all, set it to low": a last clause that acts on the task just discussed is what the message asks.
 */
export function withLastClause(text: string, context: ParseContext, understand: Understand): Intent {
  const whole = understand(text, context);
  const boundary = lastClauseBoundary(text);
  // "i bought it, is done" reads as completing a task titled "i bought it," at first.
  if (!boundary) return whole;
  const comma = boundary.index;
  const firstClause = tidy(text.slice(0, comma)).toLowerCase();
  // "no need for the bike one anymore, I sold it": the first clause asks, the rest explains.
  const asked = understand(text.slice(0, comma), context);
  if (asked.kind === 'delete' && asked.targets.every((target) => target.kind === 'title') && whole.kind !== asked.kind) return asked;
  const titleAcrossClauses = 'targets' in whole && whole.targets.some((target) => target.kind === 'title' && target.text.toLowerCase() === firstClause);
  if (whole.kind !== 'add' && whole.kind !== 'unknown' && !titleAcrossClauses) return whole;
  const clause = tidy(withoutCourtesy(tidy(text.slice(comma + boundary.length).replace(/^\s*(?:so|then|and|but|you can|can you|just|please|pls)\s+/i, ''))));
  if (clause === '') return whole;
  // "checked the fire extinguishers, all fine": a report, then how it went.
  const report = pastTenseDone(firstClause);
  if (ALL_WELL.test(clause) && report?.kind === 'complete') return withOrIt(report);
  // "didn't mean to add that, remove": a bare verb there acts on "it".
  const intent = understand(/^(?:delete|remove|cancel|scrap|bin|trash)$/i.test(clause) ? `${clause} it` : clause, context);
  // A clause the new task's own reading used ("…, remind me an hour before", "…, it's urgent") belongs
  // to it; "…, is done" or "…, delete it" never does.
  const consumed = whole.kind === 'add' && !whole.task.title.toLowerCase().includes(clause.toLowerCase());
  // "I can't do saturday, put it on sunday instead": "it" is the task just discussed, not a new one.
  const aboutEarlierTask = context.followsTask && /\b(?:it|that|this)\b/i.test(clause) && !startsNewTask(firstClause, context);
  if (consumed && !aboutEarlierTask && intent.kind !== 'complete' && intent.kind !== 'delete') return whole;
  const targets = 'targets' in intent ? intent.targets : 'target' in intent ? [intent.target] : [];
  // "the party's off so cancel the present one": the first clause says why, the last names the task.
  // "My wife would rather stay in, so please cancel the dinner task": talk, then the request naming the task.
  // "sold the truck, remove the truck one": a report of what happened says why too.
  const because = NAMED_IN_CLAUSE.test(text.slice(0, comma)) || NOT_NEEDED_IN_CLAUSE.test(text.slice(0, comma)) || isTalk(text.slice(0, comma)) || report?.kind === 'complete';
  if (because && (intent.kind === 'delete' || intent.kind === 'complete') && targets.every((target) => target.kind === 'title')) return intent;
  if (!REFERS_TO_IT.has(intent.kind) || targets.length !== 1 || targets[0]!.kind !== 'it') return whole;
  const withChange = intent.kind === 'update' ? newTaskWithChanges(text.slice(0, comma), intent.changes, context) : undefined;
  if (withChange) return withChange;
  // "the fishing trip's off, delete it": the first clause names the task "it" means.
  const clauseText = text.slice(0, comma);
  const named = NAMED_IN_CLAUSE.exec(clauseText) ?? NOT_NEEDED_IN_CLAUSE.exec(clauseText) ?? CANCELLED_IN_CLAUSE.exec(clauseText);
  // "I've dropped off the parcel, so you can mark that one done": the report names it (when a task matches).
  const reported = report?.kind === 'complete' && report.targets[0]?.kind === 'title' ? { ...report.targets[0], orIt: true as const } : undefined;
  const target: TaskRef = named && !/^(?:(?:it|that|this)(?:\s+one)?|already|any\s?more)$/i.test(tidy(named[1]!)) ? { kind: 'title', text: tidy(named[1]!) } : reported ?? { kind: 'it' };
  return 'targets' in intent ? { ...intent, targets: [target] } : { ...intent, target } as Intent;
}

/**
 * "book the MOT tomorrow, tag it work", "sort the garage, make it low priority": a new task, then a
 * change to it, is the new task with the change. Only when the first clause is a new task of its own
 * (a date, tag or priority, or nothing discussed before that "it" could mean).
 */
function newTaskWithChanges(firstClause: string, changes: TaskChanges, context: ParseContext): Intent | undefined {
  const { addTags, priority, dueAt, reminders, recurrence, ...rest } = changes;
  if (Object.keys(rest).length > 0) return undefined;
  if (context.followsTask && !startsNewTask(firstClause, context)) return undefined;
  const marked = addIntent(firstClause, context);
  const added = marked ?? (context.followsTask ? undefined : addIntent(`add ${firstClause}`, context));
  if (added?.kind !== 'add') return undefined;
  const task = { ...added.task };
  if (addTags?.length) task.tags = [...new Set([...(task.tags ?? []), ...addTags])];
  if (priority) task.priority = priority;
  if (typeof dueAt === 'string') task.dueAt = dueAt;
  if (reminders) task.reminders = reminders;
  if (recurrence) task.recurrence = recurrence;
  return { kind: 'add', task };
}

/**
 * Whether a clause is a new task ("book the MOT tomorrow") rather than talk about one ("I can't do
 * saturday", "the garage rang"): command words, or a task with a date that starts with no subject.
 */
function startsNewTask(clause: string, context: ParseContext): boolean {
  const text = clause.trim();
  if (EXPLICIT_ADD.test(text)) return true;
  return !/^(?:i|we|it|that|this|they|he|she|you|there|the\s+\p{L}+\s+(?:rang|called|said|is|was|has|had))\b/iu.test(text) && addIntent(text, context)?.kind === 'add';
}

/** Words that start a new task for sure. */
const EXPLICIT_ADD = /^(?:please\s+)?(?:add|create|new\s+task|todo|to-do|remind\s+me\s+to|i\s+need\s+to|i\s+have\s+to)\b/i;

/** Where the last clause starts: after the last comma, or after " so " ("Jean's cancelled so you can get rid of that"). */
function lastClauseBoundary(text: string): { index: number; length: number } | undefined {
  // "that was meant for my sister's list - delete that": a dash between words parts clauses too.
  const dash = Math.max(...[' - ', ' – ', ' — '].map((mark) => text.lastIndexOf(mark)));
  if (dash > 0 && dash > text.lastIndexOf(',')) return { index: dash, length: 3 };
  const comma = text.lastIndexOf(',');
  const so = text.toLowerCase().lastIndexOf(' so ');
  if (so > comma && so > 0) return { index: so, length: ' so '.length };
  return comma >= 0 ? { index: comma, length: 1 } : undefined;
}

/** "all fine", "no problems", "all good now": how something done went. */
const ALL_WELL = /^(?:all\s+|everything\s+|it\s+was\s+|they\s+were\s+|all\s+looks?\s+)?(?:fine|good|ok|okay|well|sorted|in\s+order|as\s+expected)(?:\s+now)?$|^no\s+(?:problems?|issues?|worries)$/i;

/** The report's task, or the task just discussed when none has its title. */
function withOrIt(report: Intent): Intent {
  if (report.kind !== 'complete') return report;
  return { ...report, targets: report.targets.map((target) => (target.kind === 'title' ? { ...target, orIt: true as const } : target)) };
}

/** "no need for the cake order anymore, remove it": the clause names what "it" is. */
const NOT_NEEDED_IN_CLAUSE = /^(?:(?:there'?s\s+)?no\s+(?:more\s+)?need\s+for|(?:i\s+|we\s+)?(?:don'?t|do\s+not|no\s+longer)\s+need|(?:i'?m|i\s+am|we'?re)\s+not\s+(?:going\s+to|gonna))\s+(?:to\s+do\s+)?(?:the\s+|my\s+)?(\S(?:.*?\S)??)(?:\s+any\s?more)?$/i;
const NAMED_IN_CLAUSE = /^(?:the\s+|my\s+)?(\S(?:.*?\S)??)(?:(?:'s|\s+is|\s+got|\s+has\s+been|\s+was)\s+(?:off|cancel+ed|called\s+off|done|finished|over|sorted|moved|postponed)|\s+(?:isn'?t|is\s+not|won'?t\s+be|is\s+no\s+longer)\s+happening)\b/i;
/** "I cancelled the appointment, take it off". */
const CANCELLED_IN_CLAUSE = /^(?:i|we)\s+(?:cancell?ed|called\s+off|dropped)\s+(?:the\s+|my\s+)?(\S(?:.*\S)?)$/i;
