import { isNotFound } from '../clients/service-error';
import type { ConversationState } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { say, type Turn } from './turn';

/** At most this many are deleted per message, so one message stays a bounded amount of work. */
const MAX_CLEARED = 200;

/** "clear completed": deletes the user's completed tasks (the pending ones are never touched). */
export async function clearCompleted(state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const page = await deps.clients.tasks.list(deps.call, { status: 'completed', limit: MAX_CLEARED, sort: 'createdAt' });
  if (page.items.length === 0) return say('There are no completed tasks to clear.', state);
  const deleted: string[] = [];
  for (const task of page.items) {
    await deps.clients.tasks.remove(deps.call, task.id).then(
      () => deleted.push(task.id),
      (error: unknown) => {
        if (!isNotFound(error)) throw error;
      },
    );
  }
  const more = page.nextCursor ? ` There are more; say "clear completed" again.` : '';
  const next: ConversationState = { ...state };
  if (next.lastTask && deleted.includes(next.lastTask.id)) delete next.lastTask;
  return say(`Cleared ${deleted.length} completed task${deleted.length === 1 ? '' : 's'}.${more}`, next, { actions: [{ kind: 'deleted', taskIds: deleted }] });
}
