import type { Task } from '#shared/contracts/task';
import type { ConversationState } from '../conversation/conversation-state';
import { type Intent, isTalk, MAX_TASKS_PER_MESSAGE, NOT_FOR_TASKS, type ParseContext, parseMessage } from '../language';
import type { TurnDeps } from './assistant-deps';
import { describeTask } from './format';
import { draftToNewTask, failureTurn, withAdded } from './run-intent';
import { summary } from './task-summary';
import { say, type Turn } from './turn';

/** "add these:", "todo:", "groceries:": a line that only announces the list below it. */
const HEADER = /^(?:(?:(?:please\s+)?(?:add|put)\b.*|to-?dos?|tasks?|list|.{0,40}):|(?:please\s+)?(?:add|put\s+down)\s+(?:these|the\s+following|this\s+list|all\s+(?:of\s+)?these)(?:\s+(?:tasks|items|things|please))?)$/i;
/** "- ", "* ", "• ", "1. ", "2) ", "[ ] " before a line's task. */
const BULLET = /^(?:[-*•]|\d{1,3}[.)]|\[\s?\])\s*/;
/** Lines around a list that are no tasks: greetings, sign-offs, markdown headings ("**Ops**", "## Today"). */
const SIGN_OFF_LINE = /^(?:thanks|thank\s+you|cheers|best(?:\s+regards)?|kind\s+regards|regards|many\s+thanks|sincerely)[,!.]*$/i;
const NOT_A_TASK_LINE = /^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))(?:\s+\p{L}+)?[,!.]*|(?:thanks|thank\s+you|cheers|best(?:\s+regards)?|kind\s+regards|regards|many\s+thanks|sincerely)[,!.]*|\*\*[^*]+\*\*:?|#{1,6}\s+\S.*)$/iu;
const NAME_LINE = /^\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?$/u;

type Add = Extract<Intent, { kind: 'add' }>;

/**
 * A message of several lines, each a task (under an optional "add these:" line), read as that many
 * tasks to add; undefined when it is not one (a single line, or a line that is no task).
 */
/**
 * An email-style message without its greeting, sign-off and signature lines, and without markdown
 * headings ("Good morning,\n\nPlease add …\n\nBest regards,\nTom" → "Please add …").
 */
export function withoutEmailFrame(message: string): string {
  const lines = message.split(/\r?\n/).map((line) => line.trim());
  const kept = lines.filter((line, index) => !NOT_A_TASK_LINE.test(line) && !(index > 0 && SIGN_OFF_LINE.test(lines[index - 1]!) && NAME_LINE.test(line)));
  return kept.some((line) => line !== '') ? kept.join('\n') : message;
}

export function manyTasks(message: string, context: ParseContext): Add[] | undefined {
  const lines = message.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 1) return clausesAsTasks(lines[0]!, context);
  if (lines.length < 2) return undefined;
  // "can you summarise this email?" above a pasted email: a request about the text, not a list.
  if (lines.some((line) => NOT_FOR_TASKS.test(line))) return undefined;
  const items = lines.filter((line, index) => index > 0 || !HEADER.test(line));
  if (items.length < 2 || items.length > MAX_TASKS_PER_MESSAGE) return undefined;
  const adds = items.map((line) => parseMessage(`add ${line.replace(BULLET, '')}`, context));
  return adds.every((intent): intent is Add => intent.kind === 'add') ? adds : undefined;
}

/** Words that start a change or a reminder, not a second task. */
const NOT_A_TASK_START = /^(?:remind|ping|alert|notify|tag|tagged|make|set|mark|put|it|that|this|and|but|with|no|not|please|pls|every|each|due|at|on|by|in|next|tomorrow|today|tonight|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|days|nesday|nesdays|sday|sdays|urday|urdays)?)$/i;
const ADD_PREFIX = /^(?:please\s+)?(?:add|to-?dos?|tasks?)\s*:?\s+/i;
/** A clause that changes the task before it ("…, high priority", "…, remind me an hour before"), not a task. */
const MODIFIER = /^(?:(?:it'?s\s+|is\s+)?(?:very\s+)?(?:high|low|medium|normal|urgent|important)(?:[\s-]+priority)?[.!]?|p[1-4]|!+\w*|#\S+(?:\s+#\S+)*|(?:remind|ping|alert|notify)\s+me\b.*|tag(?:ged)?\b.*|no\s+reminders?\b.*|(?:due\s+)?(?:by|on|at|before)\s+\S+)$/i;
/** "add these:", "two tasks please:", "add the following:": a list follows, split at commas or semicolons. */
const ANNOUNCED = /^(?:(?:i|we)(?:'d|\s+would)?\s+(?:need|want|like)\s+)?(?:(?:could|can|would|will)\s+you\s+)?(?:please\s+)?(?:(?:add|put|note)\s+)?(?:(?:the\s+)?following|these|(?:two|three|four|five|\d{1,2})\s+(?:things|tasks|items|todos|to-dos)|(?:some|a\s+few)\s+(?:things|tasks))(?:\s+added)?(?:,?\s+(?:please|for\s+me|(?:on|to|onto)\s+(?:my|the)\s+list))?\s*:\s*/i;
/** "need to: a, b, c", "errands: …", "tmrw: a, b, c": a few words and a colon before a list; a day there is every task's. */
const LIST_HEADER = /^([^:,;]{1,30}):\s+(?=\S)/;
const TO_DO_HEADER = /^(?:(?:i\s+|we\s+)?(?:need|have|got|must|gotta)(?:\s+to)?(?:\s+do)?|to-?dos?|tasks?|errands|chores|things\s+to\s+do|jobs|reminders)(?:\s+(?:for\s+)?(?:today|tomorrow|this\s+week))?$/i;

const QUOTED_ITEM = String.raw`(?:"[^"]+"|'[^']+')`;
const QUOTED_LIST = new RegExp(String.raw`^${QUOTED_ITEM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)${QUOTED_ITEM})+$`, 'i');

/** The list's header (announcing words, or a day every task is due on) and what follows it. */
function withoutListHeader(line: string, context: ParseContext): { body: string; announced: boolean; day?: string } {
  const announced = ANNOUNCED.exec(line);
  if (announced) return { body: line.slice(announced[0].length), announced: true };
  const header = LIST_HEADER.exec(line);
  const words = header?.[1]!.trim();
  if (header && words) {
    if (TO_DO_HEADER.test(words)) return { body: line.slice(header[0].length), announced: true };
    const dayOnly = parseMessage(`add x ${words}`, context);
    if (dayOnly.kind === 'add' && dayOnly.task.title === 'x' && dayOnly.task.dueAt) return { body: line.slice(header[0].length), announced: true, day: words };
  }
  return { body: line.replace(ADD_PREFIX, ''), announced: false };
}

/**
 * "add: book flights tomorrow; call insurance in 3 days" (each part a task), "tmrw: pick up scrubs,
 * pay the nanny" (each due that day), "call the landlord fri, call the plumber mon" and "car MOT tmrw
 * 9am and collect the kids at 3:30pm tmrw" (parts that each name a day and each read as a new task on
 * their own) are that many tasks.
 */
function clausesAsTasks(line: string, context: ParseContext): Add[] | undefined {
  const { body, announced, day } = withoutListHeader(line, context);
  // "delete the bank task; my son did it" is one request: without "add" every part must be a dated task.
  const bySemicolon = body.includes(';');
  // "add 'call the bank' and 'book concert tickets'": quoted tasks in a row.
  const quotedList = QUOTED_LIST.test(body);
  const listed = (bySemicolon && body !== line) || announced || quotedList || (body !== line && /,\s*and\s/i.test(body));
  // "add two tasks: X and Y": an announced list without commas is joined by "and".
  const listedByComma = listed && (body.includes(',') || (!announced && !quotedList));
  const clauses = (bySemicolon ? body.split(';') : listedByComma ? body.split(',') : body.split(/,|\band\b/i)).map((clause) => clause.trim().replace(/^and\s+/i, '')).filter(Boolean);
  // "…; we are almost out of both": a part that tells why is no task.
  if (clauses.length < 2 || clauses.length > 10 || clauses.some((clause) => MODIFIER.test(clause)) || clauses.slice(1).some(isTalk)) return undefined;
  // "…; I'd like it due this Friday at 3pm": a later part that changes the task before it.
  if (clauses.slice(1).some((clause) => changesIt(parseMessage(clause, { ...context, followsTask: true })))) return undefined;
  const verbs = new Set(clauses.map((clause) => clause.split(/\s+/)[0]!.toLowerCase()));
  if (!listed && [...verbs].some((verb) => NOT_A_TASK_START.test(verb) || !/^\p{L}{2,}$/u.test(verb))) return undefined;
  const adds: Add[] = [];
  for (const clause of clauses) {
    let add = parseMessage(`add ${clause}`, context);
    if (day && add.kind === 'add' && add.task.dueAt === undefined) add = parseMessage(`add ${clause} ${day}`, context);
    // Unannounced parts are tasks only when each names its own day.
    if (add.kind !== 'add' || (!listed && add.task.dueAt === undefined)) return undefined;
    adds.push(add);
  }
  // Different first words: only when each part, said alone, would add a task ("move the gym to monday" would not).
  if (!listed && verbs.size > 1 && !clauses.every((clause) => parseMessage(clause, context).kind === 'add')) return undefined;
  return adds;
}

const changesIt = (intent: Intent) => intent.kind === 'update' && intent.target.kind === 'it';

/** Adds each task in order and shows them as a numbered list, which "2 is done" then refers to. */
export async function addMany(adds: readonly Add[], state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const created: Task[] = [];
  try {
    for (const add of adds) created.push(await deps.clients.tasks.create(deps.call, draftToNewTask(add.task)));
  } catch (error) {
    if (created.length === 0) return failureTurn(error, state);
  }
  const lines = created.map((task, index) => `${index + 1}. ${describeTask(task, deps.timeZone, deps.now)}`);
  const missed = adds.length - created.length;
  const summaries = created.map(summary);
  return say([`Added ${created.length} tasks:`, ...lines, ...(missed > 0 ? [`${missed} could not be added; please try them again.`] : [])].join('\n'), { ...state, lastList: summaries, lastTask: summaries.at(-1)!, added: withAdded(state, summaries) }, {
    actions: [{ kind: 'created', taskIds: created.map((task) => task.id) }],
    tasks: created,
  });
}
