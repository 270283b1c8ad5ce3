import type { ConversationState } from '../conversation/conversation-state';
import type { TaskQuery } from '../clients/task-client';
import type { Intent } from '../language';
import type { TurnDeps } from './assistant-deps';
import { describeTask, numbered } from './format';
import { summary } from './task-summary';
import { say, type Turn } from './turn';

const LIMIT = 50;

/** The parser's filter in the task API's terms. */
export function toTaskQuery(filter: Extract<Intent, { kind: 'list' }>['filter']): TaskQuery {
  const query: TaskQuery = { limit: LIMIT };
  if (filter.q) query.q = filter.q.slice(0, 200);
  if (filter.status) query.status = filter.status;
  if (filter.priority?.length) query.priority = filter.priority;
  if (filter.tags?.length) query.tag = filter.tags;
  if (filter.dueBefore) query.dueBefore = filter.dueBefore;
  if (filter.dueAfter) query.dueAfter = filter.dueAfter;
  if (filter.completedBefore) query.completedBefore = filter.completedBefore;
  if (filter.completedAfter) query.completedAfter = filter.completedAfter;
  if (filter.overdue) query.overdue = true;
  if (filter.hasDue !== undefined) query.hasDue = filter.hasDue;
  if (filter.sort) query.sort = filter.sort;
  return query;
}

/** Shows the matching tasks as a numbered list that later messages can refer to ("complete 2"). */
export async function listTasks(intent: Extract<Intent, { kind: 'list' }>, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const listed = await deps.clients.tasks.list(deps.call, { ...toTaskQuery(intent.filter), ...(intent.filter.repeating ? { limit: 200 } : {}) });
  // The task API has no filter for repetition: the repeating ones are picked from the page.
  const page = intent.filter.repeating ? { ...listed, items: listed.items.filter((task) => task.recurrence) } : listed;
  const label = intent.label.trim() || 'tasks';
  // An empty answer keeps the previous numbered list: "complete 2" still means what the user last saw.
  if (page.items.length === 0) return say(`No ${label}.`, state, { actions: [{ kind: 'listed', taskIds: [] }] });
  const heading = `Your ${label} (${page.nextCursor ? `the first ${page.items.length}` : page.items.length}):`;
  const lastList = page.items.map(summary);
  const next: ConversationState = { ...state, lastList };
  if (lastList.length === 1) next.lastTask = lastList[0]!;
  return say(`${heading}\n${numbered(page.items.map((task) => describeTask(task, deps.timeZone, deps.now)))}`, next, {
    actions: [{ kind: 'listed', taskIds: lastList.map((task) => task.id) }],
    tasks: page.items,
  });
}
