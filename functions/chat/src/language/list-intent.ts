import type { Intent, ParseContext, Priority, TaskFilter } from './intent';
import { findDueRange } from './list-ranges';
import { findTags } from './priority-tags';
import { titleWords } from './refs';
import { extract, tidy, unquote } from './text';

const SEARCH = /^(?:find|search(?:\s+for)?|look\s+(?:for|up)|(?:do i have|have i got|is there|are there)\s+(?:anything|any tasks?|something)\s+(?:on\s+(?:my|the)\s+list\s+)?(?:about|on|with|for|mentioning|called)|anything\s+(?:about|for|re|regarding))\s+(?:(?:tasks?|todos?)\s+(?:about|with|for|called|named|mentioning|containing)\s+)?(\S.*)$/i;
const STILL_ON = /^(?:is|are)\s+((?:the|my)\s+[^\s?](?:[^?]*?[^\s?])??)\s+(?:still\s+)?(?:on|at|due|for|scheduled|happening|booked)\b[^?]*\??$/i;
const LIST_START = /^(?:(?:check|see|tell\s+me|show\s+me)\s+what|have\s+i\s+got|read\s+(?:me\s+)?(?:my|the|out)|what|what's|which|show|list|display|view|see|give me|get|any|anything|do i have|is there|are there|how many|overdue|late|today|tomorrow|tasks?|my|open|pending|completed|finished|urgent|important|high|low|todo|to-do)\b/i;
/** "show my work tasks": words the filters did not take, before "tasks", are searched for. */
const FOR_WHAT = /\bfor\s+(?:the\s+|my\s+)?(\p{L}[\p{L}\p{N}_-]*)/iu;
/** "any JIRA tickets on my list?": a search by what is on the list. */
const ANY_ON_MY_LIST = /^(?:any|anything|are\s+there\s+any|do\s+i\s+have\s+any|is\s+there\s+any)\s(?:.*\s)?(?:on|in)\s+(?:my|the)\s+(?:list|tasks|to-?do\s+list)\b/i;
const SHOW_WORD_TASKS = /^(?:show|list|display|view|see|give me|get|find|what are)\b.+\b(?:tasks|todos|to-dos|items|things|stuff)\b/i;
const FILLER = new Set(
  'read out most top highest am up check tickets tickets ones what whats what\'s which is are do does did i i\'ve have has got to show me my list display view see give get all the tasks task todos todo to-do items item things thing works stuff any anything there please for on of with everything that open pending need left a an in yet still remaining it it\'s is there\'s can you could would like now be should just tell doing so far currently upcoming coming up lists tagged tag tags how many plate agenda schedule scheduled planned calendar moment total altogether at marked or outstanding was were'.split(' '),
);

const PRIORITY_WORDS: [RegExp, Priority[]][] = [
  [/\b(?:high|urgent)\s+(?:and|or|&)\s+(?:high|urgent)(?:\s+priority)?\b/i, ['high', 'urgent']],
  [/\bimportant\b/i, ['high', 'urgent']],
  [/\b!?urgent(?:\s+priority)?\b/i, ['urgent']],
  // "what's high priority?": urgent is higher still.
  [/\b!?high(?:[\s-]+priority)?\b|\bpriority\s+high\b/i, ['high', 'urgent']],
  [/\b!?(?:medium|normal)(?:[\s-]+priority)?\b/i, ['medium']],
  [/\b!?low(?:[\s-]+priority)?\b/i, ['low']],
  [/\bp1s?\b/i, ['urgent']],
  [/\bp2s?\b/i, ['high']],
  [/\bp3s?\b/i, ['medium']],
  [/\bp4s?\b/i, ['low']],
];
const SORTS: [RegExp, NonNullable<TaskFilter['sort']>, string][] = [
  [/\b(?:most\s+(?:urgent|important)|top\s+priority|highest\s+priority)\b/i, 'priority', 'most urgent first'],
  [/\b(?:sorted\s+|ordered\s+)?by\s+priority\b/i, 'priority', 'sorted by priority'],
  [/\b(?:sorted\s+|ordered\s+)?by\s+(?:due\s+)?date\b|\bby\s+due\b/i, 'dueAt', 'sorted by due date'],
  [/\b(?:sorted\s+)?(?:alphabetically|by\s+(?:title|name))\b/i, 'title', 'sorted by title'],
  [/\b(?:sorted\s+)?by\s+(?:creation|created|age)\b/i, 'createdAt', 'sorted by creation'],
];

interface Parts {
  filter: TaskFilter;
  /** Words before "tasks" in the label ("overdue", "high priority") and after it ("tagged work", "due today"). */
  before: string[];
  after: string[];
  sortLabel?: string;
  rest: string;
}

function take(parts: Parts, pattern: RegExp, apply: (match: RegExpExecArray) => void): void {
  const { match, rest } = extract(parts.rest, pattern);
  if (!match) return;
  apply(match);
  parts.rest = rest;
}

/** "which tasks don't have a due date", "tasks with no deadline", "undated tasks". */
const NO_DUE_DATE = /\b(?:(?:without|with\s+no|(?:that\s+)?(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+have|(?:that\s+)?(?:have|has)\s+no|lacking|missing)\s+(?:an?\s+|any\s+)?(?:due\s+)?(?:dates?|deadlines?|due\s+times?)|undated|no[-\s]date)\b/i;

function readFilters(text: string, context: ParseContext): Parts {
  const parts: Parts = { filter: {}, before: [], after: [], rest: text };
  let status: TaskFilter['status'] | 'all' | undefined;
  take(parts, /\b(?:completed|finished|done|closed|checked off|have i (?:done|finished|completed)|did i (?:do|finish|complete))\b/i, () => (status = 'completed'));
  take(parts, /\b(?:all|everything|every task)\b/i, () => (status ??= 'all'));
  take(parts, /\b(?:overdue|late|past due|missed deadlines?)\b/i, () => (parts.filter.overdue = true));
  take(parts, NO_DUE_DATE, () => (parts.filter.hasDue = false));
  take(parts, /\b(?:repeat(?:s|ing)?|recurr?ing|recurs?|recurrent)\b/i, () => (parts.filter.repeating = true));
  const { tags, rest } = findTags(parts.rest);
  parts.rest = rest;
  take(parts, /\b(?:tagged(?:\s+with)?|with\s+(?:the\s+)?tags?|tags?)\s+(\p{L}[\p{L}\p{N}_-]*(?:\s*(?:,|and|&)\s*\p{L}[\p{L}\p{N}_-]*)*)/iu, (m) => tags.push(...m[1]!.split(/(?:(?<!\s)|(?!\s))\s*(?:,|\band\b|&)\s*/i).map((tag) => tag.toLowerCase())));
  // Sorts first: "my most urgent thing" is an order, not only the urgent ones.
  for (const [pattern, sort, label] of SORTS) take(parts, pattern, () => ((parts.filter.sort = sort), (parts.sortLabel = label)));
  for (const [pattern, levels] of PRIORITY_WORDS) {
    if (parts.filter.priority) break;
    take(parts, pattern, () => (parts.filter.priority = levels));
  }
  const range = findDueRange(parts.rest, context);
  if (range) {
    Object.assign(parts.filter, range.filter);
    parts.rest = range.rest;
  }
  if (status === 'completed') parts.filter.status = 'completed';
  else if (status === undefined && !parts.filter.overdue) parts.filter.status = 'pending';
  // "what have I finished today?": when they were done, unless "due" is said ("completed tasks due today").
  const whenDone = status === 'completed' && range && !/\bdue\b/i.test(text) && range.filter.dueAfter !== undefined;
  if (whenDone) {
    const { dueAfter, dueBefore } = range.filter;
    delete parts.filter.dueAfter;
    delete parts.filter.dueBefore;
    parts.filter.completedAfter = dueAfter;
    if (dueBefore) parts.filter.completedBefore = dueBefore;
  }
  if (status === 'completed' && !whenDone) parts.before.push('completed');
  if (parts.filter.overdue) parts.before.push('overdue');
  if (parts.filter.priority) parts.before.push(`${parts.filter.priority.join(' or ')} priority`);
  if (tags.length > 0) {
    parts.filter.tags = [...new Set(tags)];
    parts.after.push(`tagged ${parts.filter.tags.join(' and ')}`);
  }
  if (range) parts.after.push(whenDone ? range.label.replace(/^due\b/, 'completed') : range.label);
  if (parts.filter.hasDue === false) parts.after.push('without a due date');
  if (parts.filter.repeating) parts.after.push('that repeat');
  return parts;
}

/** "high priority tasks tagged work due today, sorted by priority": what the reply's heading names. */
function labelOf(parts: Parts): string {
  const words = [...parts.before, 'tasks', ...parts.after].join(' ');
  return parts.sortLabel ? `${words}, ${parts.sortLabel}` : words;
}

function leftoverWords(rest: string): string[] {
  return tidy(rest.replace(/[?!.,]/g, ' '))
    .toLowerCase()
    .split(' ')
    .filter((word) => word !== '' && !FILLER.has(word));
}

/** Listing ("what's due today", "show high priority tasks tagged work", "overdue") and searching ("find milk"). */
export function listIntent(text: string, context: ParseContext): Intent | undefined {
  // "is the dentist still on the 15th?": the task, with when it is.
  const still = STILL_ON.exec(text);
  if (still) {
    const q = titleWords(still[1]!);
    if (q) return { kind: 'list', filter: { q }, label: `tasks matching "${q}"` };
  }
  const search = SEARCH.exec(text);
  if (search) {
    const parts = readFilters(search[1]!, context);
    const rest = parts.rest.replace(/(?<!\s)\s+(?:on|in)\s+(?:my|the)\s+(?:list|tasks|to-?do\s+list)\s*[?.!]*$/i, '');
    const q = unquote(search[1]!) ?? (leftoverWords(rest).length > 0 ? titleWords(rest) : '');
    if (q) {
      delete parts.filter.status;
      matching(parts, q);
    }
    return { kind: 'list', filter: parts.filter, label: labelOf(parts) };
  }
  const parts = readFilters(text, context);
  const understood = LIST_START.test(text) || parts.before.length + parts.after.length > 0 || parts.sortLabel !== undefined;
  if (!understood) return undefined;
  const leftover = leftoverWords(parts.rest);
  const next = leftover.length === 1 && /^(?:next|due)$/.test(leftover[0]!);
  if (leftover.length > 0 && !next) {
    // "what's on for the kids tomorrow": the tasks about (or tagged) kids.
    const forWhat = FOR_WHAT.exec(parts.rest);
    const aboutOne = leftover.length === 1 && forWhat?.[1]?.toLowerCase() === leftover[0];
    if ((!SHOW_WORD_TASKS.test(text) && !ANY_ON_MY_LIST.test(text) && !aboutOne) || leftover.length > 3) return undefined;
    matching(parts, leftover.join(' '));
  }
  if ((next || /\bdue\b/i.test(text)) && !parts.filter.dueAfter && !parts.filter.dueBefore && !parts.filter.overdue && !parts.filter.sort) parts.filter.sort = 'dueAt';
  return { kind: 'list', filter: parts.filter, label: labelOf(parts) };
}

function matching(parts: Parts, q: string): void {
  parts.filter.q = q;
  parts.after.push(`matching "${q}"`);
}
