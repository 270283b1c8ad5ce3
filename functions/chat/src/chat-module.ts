import { loadConfig } from '#shared/config/load-config';
import type { FunctionModule } from '#shared/runtime/function-module';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';
import { ChatConfig } from './chat-config';
import { createChatFunction } from './chat-function';
import { chatMigrations } from './chat-schema';
import { createClients, transportFor } from './clients/clients';
import { createUserHub } from './live/user-hub';
import { openAiAgent } from './llm/openai-agent';

export interface ChatModuleOptions {
  /** The environment to read (default the runtime's configuration). */
  env?: Record<string, string | undefined>;
}

/** The chat function as a module of the one-process system or of its own entry point. */
export function createChatModule(options: ChatModuleOptions = {}): FunctionModule {
  return {
    name: 'chat',
    schema: 'chat',
    migrations: chatMigrations,
    create: (runtime) => {
      const env = options.env ?? runtime.env;
      const config = loadConfig(ChatConfig, env);
      const localSecret = config.AUTH_JWT_SECRET ?? (config.AUTH_JWKS_URL ? undefined : loadLocalSecrets(config.DATA_DIR).authJwtSecret);
      const model = config.OPENAI_BASE_URL
        ? openAiAgent({ baseUrl: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}) })
        : undefined;
      if (model) runtime.log.info({ model: config.OPENAI_MODEL }, 'language-model mode on (the parser remains the fallback)');
      return createChatFunction({
        ...runtime,
        config,
        port: Number(env.PORT ?? 8080) || 8080,
        clients: createClients(transportFor(config, runtime.inProcess)),
        hub: createUserHub(),
        ...(localSecret ? { localSecret } : {}),
        ...(model ? { model } : {}),
      });
    },
  };
}

export const chatModule: FunctionModule = createChatModule();
