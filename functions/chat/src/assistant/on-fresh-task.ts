import { isStale } from '../clients/service-error';
import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import { say, type Turn } from './turn';

/**
 * Runs a change worked out from the task as just read, which goes only onto that version (`If-Match`):
 * when another window changed the task in between, the change is worked out once more from the new
 * version; when that too is overtaken, nothing is overwritten and the person is told.
 */
export async function onFreshTask(run: () => Promise<Turn>, target: TaskSummary, state: ConversationState): Promise<Turn> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isStale(error)) throw error;
    }
  }
  return say(`"${target.title}" was changed somewhere else just as I was changing it, so I left it as it is now. Please say again what to change.`, { ...state, lastTask: target });
}
