import type { Logger } from '#shared/log/logger';
import type { ConversationState } from '../conversation/conversation-state';
import type { Message } from '../conversation/conversation-store';
import { LanguageModelFailure, type LanguageModel } from '../llm/openai-agent';
import type { TurnDeps } from './assistant-deps';
import { converse } from './converse';
import type { Turn } from './turn';

/**
 * Answers one message: with the language model when one is configured, else (or when it fails before
 * doing anything) with the plain-language parser. A model that failed halfway reports what it did.
 */
export async function answer(
  message: string,
  conversation: { history: readonly Message[]; state: ConversationState },
  deps: TurnDeps & { model?: LanguageModel; log: Logger },
): Promise<Turn> {
  if (deps.model) {
    try {
      return await deps.model(message, conversation.history, conversation.state, deps);
    } catch (error) {
      const failure = error instanceof LanguageModelFailure ? error : new LanguageModelFailure(String(error), [], []);
      deps.log.warn({ reason: failure.message, actionsDone: failure.actions.length }, 'language model failed; answering with the parser');
      if (failure.actions.length > 0) {
        const done = failure.actions.map((action) => `${action.kind} ${action.taskIds?.length ?? 0}`).join(', ');
        return { reply: `I did part of that (${done}) but could not finish. Please check your task list.`, actions: failure.actions, tasks: failure.tasks, state: conversation.state };
      }
    }
  }
  return converse(message, conversation.state, deps);
}
