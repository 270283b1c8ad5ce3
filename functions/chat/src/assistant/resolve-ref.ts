import { isOfKind } from './same-kind';
import type { Task } from '#shared/contracts/task';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import type { TaskRef } from '../language';
import type { TurnDeps } from './assistant-deps';
import { addDays, wallClockAt, weekdayOf } from '../time/zoned-time';
import { closestTitles } from './closest-title';
import { summary } from './task-summary';

export type Resolution =
  | { kind: 'task'; task: TaskSummary }
  | { kind: 'ambiguous'; candidates: TaskSummary[]; /** Only equally close titles, none holding the words as said. */ fuzzy?: true }
  | { kind: 'missing'; reply: string; /** A title search that found no task at all. */ nothingMatched?: true };

/** Which tasks a title search should prefer for the operation at hand. */
export type Preference = 'pending' | 'completed' | 'any';

const MAX_CANDIDATES = 5;

/** Candidates as a person lists them: soonest due first (undated last), then in the order they were added. */
function inAskingOrder(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.createdAt.localeCompare(b.createdAt));
}

/** The open task due when the reference says ("the friday one", "the 7am one"); several ask which. */
async function byWhen(ref: Extract<TaskRef, { kind: 'when' }>, deps: TurnDeps): Promise<Resolution> {
  const open = (await deps.clients.tasks.list(deps.call, { status: 'pending', limit: 100 })).items;
  const today = wallClockAt(deps.now, deps.timeZone);
  const target = ref.relativeDays === undefined ? undefined : addDays(today, ref.relativeDays);
  const matching = open.filter((task) => {
    if (!task.dueAt) return false;
    const due = wallClockAt(new Date(task.dueAt), deps.timeZone);
    if (ref.weekday !== undefined && weekdayOf(due) !== ref.weekday) return false;
    if (target && (due.year !== target.year || due.month !== target.month || due.day !== target.day)) return false;
    if (ref.month !== undefined && due.month !== ref.month) return false;
    const hour = ref.eitherHalfOfDay ? due.hour % 12 : due.hour;
    if (ref.hour !== undefined && (hour !== ref.hour || due.minute !== (ref.minute ?? 0))) return false;
    return true;
  });
  if (matching.length === 1) return { kind: 'task', task: summary(matching[0]!) };
  if (matching.length > 1) return { kind: 'ambiguous', candidates: inAskingOrder(matching).slice(0, MAX_CANDIDATES).map(summary) };
  return { kind: 'missing', reply: "I couldn't find an open task due then." };
}

/**
 * Finds the task a reference means: a number in the last list, "it" (the last task talked about), or
 * words of its title (a search of the user's tasks; two or more equally good matches are ambiguous).
 */
export async function resolveRef(ref: TaskRef, state: ConversationState, preference: Preference, deps: TurnDeps): Promise<Resolution> {
  if (ref.kind === 'index') {
    // No list shown yet: "the second one" counts the tasks added in this conversation.
    const list = state.lastList ?? state.added;
    if (!list?.length) return { kind: 'missing', reply: `I have not shown you a list yet, so I don't know which task ${ref.index} is. Try "list my tasks" first.` };
    const task = list[ref.index - 1];
    if (!task) return { kind: 'missing', reply: `The last list had ${list.length} task${list.length === 1 ? '' : 's'}; there is no number ${ref.index}.` };
    return { kind: 'task', task };
  }
  if (ref.kind === 'it') {
    return state.lastTask ? { kind: 'task', task: state.lastTask } : { kind: 'missing', reply: 'I am not sure which task "it" is. Name the task or its number in a list.' };
  }
  if (ref.kind === 'when') return byWhen(ref, deps);
  const text = ref.text.trim();
  const found = (await deps.clients.tasks.list(deps.call, { q: text.slice(0, 200), limit: 20 })).items;
  const preferred = preference === 'any' ? found.filter((task) => task.status === 'pending') : found.filter((task) => task.status === preference);
  const pool = preferred.length > 0 ? preferred : preference === 'any' ? found : [];
  if (found.length === 0) {
    const open = (await deps.clients.tasks.list(deps.call, { status: preference === 'completed' ? 'completed' : 'pending', limit: 100 })).items;
    const closest = closestTitles(text, open);
    if (closest.length === 1) return { kind: 'task', task: summary(closest[0]!) };
    const holding = closest.filter((task) => task.title.toLowerCase().includes(text.toLowerCase()));
    if (holding.length === 1) return { kind: 'task', task: summary(holding[0]!) };
    if (closest.length > 1) return { kind: 'ambiguous', candidates: inAskingOrder(closest).slice(0, MAX_CANDIDATES).map(summary), fuzzy: true };
    // "move the appointment to 4pm" with a dentist on the list.
    const kin = open.filter((task) => isOfKind(text, task.title));
    if (kin.length === 1) return { kind: 'task', task: summary(kin[0]!) };
    if (kin.length > 1) return { kind: 'ambiguous', candidates: inAskingOrder(kin).slice(0, MAX_CANDIDATES).map(summary) };
  }
  if (pool.length === 0 && ref.orIt && state.lastTask) return { kind: 'task', task: state.lastTask };
  if (pool.length === 0) {
    const already = preference !== 'any' && found.length > 0 ? ` (only ${preference === 'pending' ? 'completed' : 'open'} ones)` : '';
    return { kind: 'missing', reply: `I couldn't find a task matching "${text}"${already}.`, ...(found.length === 0 ? { nothingMatched: true as const } : {}) };
  }
  const exact = pool.filter((task) => task.title.trim().toLowerCase() === text.toLowerCase());
  if (pool.length === 1 || exact.length === 1) return { kind: 'task', task: summary(exact.length === 1 ? exact[0]! : pool[0]!) };
  // "delete v2.3" with "ship v2.3" and "ship v2.4": the one title that holds the words as written.
  const holding = pool.filter((task) => task.title.toLowerCase().includes(text.toLowerCase()));
  if (holding.length === 1) return { kind: 'task', task: summary(holding[0]!) };
  return { kind: 'ambiguous', candidates: inAskingOrder(pool).slice(0, MAX_CANDIDATES).map(summary) };
}
