import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { TimeZone } from '#shared/contracts/time';
import { type Authenticator, requireUser } from '#shared/http/auth';
import { notFound } from '#shared/http/problem';
import { readJson } from '#shared/http/read-json';
import type { Sql } from '#shared/db/connect';
import { answer } from '../assistant/answer';
import type { Clients } from '../clients/clients';
import type { CallContext } from '../clients/service-transport';
import { findConversation, latestConversations, listMessages, recordExchange } from '../conversation/conversation-store';
import { MAX_MESSAGE_LENGTH } from '../language';
import type { LanguageModel } from '../llm/openai-agent';
import { PlainText } from '#shared/contracts/plain-text';
import { firstCharacters } from './plain-text';

type Env = SignedInEnv;

/** `POST /chat` body. `timeZone` (IANA) is the user's, for dates in the message and the reply. */
export const ChatRequest = z.strictObject({
  message: PlainText.check(z.maxLength(MAX_MESSAGE_LENGTH), z.regex(/\S/, 'must not be blank')),
  conversationId: z.optional(z.uuid()),
  timeZone: z.optional(TimeZone),
});

export interface ChatRouteDeps {
  sql: Sql;
  schema: string;
  clock: () => Date;
  newId: () => string;
  authenticate: Authenticator;
  clients: Clients;
  defaultTimeZone: string;
  model?: LanguageModel;
  callContext: (c: { req: { header(name: string): string | undefined }; var: Env['Variables']; env: unknown }) => CallContext;
}

const ConversationId = z.uuid();

/** The chat API: one message in, the reply and what was done out; conversations kept for reloads. */
export function chatRoutes(deps: ChatRouteDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/chat', requireUser(deps.authenticate));
  app.use('/conversations', requireUser(deps.authenticate));
  app.use('/conversations/*', requireUser(deps.authenticate));

  app.post('/chat', async (c) => {
    const input = await readJson(c, ChatRequest);
    const userId = c.var.user.id;
    const now = deps.clock();
    const existing = input.conversationId ? await findConversation(deps.sql, deps.schema, userId, input.conversationId) : null;
    if (input.conversationId && !existing) throw notFound('conversation');
    // A new conversation is stored with its first exchange, below.
    const started = existing ? undefined : { id: deps.newId(), userId, title: firstCharacters(input.message.trim(), 80), createdAt: now.toISOString() };
    const conversationId = existing?.id ?? started!.id;
    const history = deps.model && existing ? await listMessages(deps.sql, deps.schema, existing.id, 20) : [];
    const turn = await answer(input.message, { history, state: existing?.state ?? {} }, {
      clients: deps.clients,
      call: deps.callContext(c),
      userId,
      now,
      timeZone: input.timeZone ?? deps.defaultTimeZone,
      log: c.var.log,
      ...(deps.model ? { model: deps.model } : {}),
    });
    const repliedAt = deps.clock();
    await recordExchange(deps.sql, deps.schema, conversationId, {
      messages: [
        { id: deps.newId(), role: 'user', text: input.message, actions: [], createdAt: now.toISOString() },
        { id: deps.newId(), role: 'assistant', text: turn.reply, actions: turn.actions, createdAt: repliedAt.toISOString() },
      ],
      state: turn.state,
      at: repliedAt.toISOString(),
      ...(started ? { started } : {}),
    });
    return c.json({ reply: turn.reply, conversationId, actions: turn.actions, ...(turn.tasks.length > 0 ? { tasks: turn.tasks } : {}) });
  });

  app.get('/conversations', async (c) => c.json({ items: await latestConversations(deps.sql, deps.schema, c.var.user.id) }));

  app.get('/conversations/:id', async (c) => {
    const id = c.req.param('id');
    const conversation = ConversationId.safeParse(id).success ? await findConversation(deps.sql, deps.schema, c.var.user.id, id) : null;
    if (!conversation) throw notFound('conversation');
    const { state: _state, userId: _userId, ...rest } = conversation;
    return c.json({ ...rest, messages: await listMessages(deps.sql, deps.schema, conversation.id) });
  });

  return app;
}
