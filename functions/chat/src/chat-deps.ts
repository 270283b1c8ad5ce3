import type { FunctionDeps } from '#shared/runtime/function-module';
import type { ChatConfig } from './chat-config';
import type { Clients } from './clients/clients';
import type { UserHub } from './live/user-hub';
import type { LanguageModel } from './llm/openai-agent';

/** Everything the chat function needs, built once by its module. */
export interface ChatDeps extends Omit<FunctionDeps, 'eventsCommitted'> {
  config: ChatConfig;
  /** The port this server listens on, for direct calls when the request's own socket is unknown. */
  port: number;
  clients: Clients;
  hub: UserHub;
  /** The HS256 secret when this server signs local tokens. */
  localSecret?: string;
  model?: LanguageModel;
}
