import { defineFunction, type FunctionModule } from '#shared/runtime/function-module';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';
import { ChatConfig } from './chat-config';
import { createChatFunction } from './chat-function';
import { chatMigrations } from './chat-schema';
import { createClients, transportFor } from './clients/clients';
import { createUserHub } from './live/user-hub';
import { openAiAgent } from './llm/openai-agent';

/** The chat function as a module of the one-process system or of its own entry point. */
export const chatModule: FunctionModule = defineFunction({
  name: 'chat',
  schema: 'chat',
  migrations: chatMigrations,
  config: ChatConfig,
  create: (runtime, config) => {
    const localSecret = config.AUTH_JWT_SECRET ?? (config.AUTH_JWKS_URL ? undefined : loadLocalSecrets(config.DATA_DIR).authJwtSecret);
    const model = config.OPENAI_BASE_URL
      ? openAiAgent({ baseUrl: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}) })
      : undefined;
    if (model) runtime.log.info({ model: config.OPENAI_MODEL }, 'language-model mode on (the parser remains the fallback)');
    return createChatFunction({
      ...runtime,
      config,
      port: config.PORT || 8080,
      clients: createClients(transportFor(config, runtime.sidecar, runtime.inProcess)),
      hub: createUserHub(),
      ...(localSecret ? { localSecret } : {}),
      ...(model ? { model } : {}),
    });
  },
});
