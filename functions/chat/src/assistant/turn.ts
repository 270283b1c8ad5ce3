import type { Task } from '#shared/contracts/task';
import type { ConversationState } from '../conversation/conversation-state';
import type { Action } from '../conversation/conversation-store';

/** The outcome of one message: the reply, what was done, the tasks involved, and the follow-up state. */
export interface Turn {
  reply: string;
  actions: Action[];
  tasks: Task[];
  state: ConversationState;
}

export const say = (reply: string, state: ConversationState, extra: Partial<Omit<Turn, 'reply' | 'state'>> = {}): Turn => ({
  reply,
  actions: extra.actions ?? [],
  tasks: extra.tasks ?? [],
  state,
});
