import type { Sql } from '#shared/db/connect';
import type { ConversationState } from './conversation-state';
import type { Action, Message } from './conversation-views';

export type { Action, Message };

export interface Conversation {
  id: string;
  userId: string;
  title: string;
  state: ConversationState;
  createdAt: string;
  updatedAt: string;
}

interface ConversationRow {
  id: string;
  user_id: string;
  title: string;
  state: ConversationState;
  created_at: Date;
  updated_at: Date;
}

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  userId: row.user_id,
  title: row.title,
  state: row.state,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The user's conversation, or null when it does not exist or belongs to someone else. */
export async function findConversation(sql: Sql, schema: string, userId: string, id: string): Promise<Conversation | null> {
  const [row] = await sql<ConversationRow[]>`select * from ${sql(schema)}.conversations where id = ${id} and user_id = ${userId}`;
  return row ? toConversation(row) : null;
}

/** A conversation that is stored with its first exchange. */
export type NewConversation = Pick<Conversation, 'id' | 'userId' | 'title' | 'createdAt'>;

/**
 * Appends the user's message and the reply and stores the new follow-up state, in one statement (a
 * round trip instead of five, on the path of every chat message). `started` is a conversation this
 * exchange begins: it is stored in the same statement, so a new conversation costs no round trip of
 * its own and none is left without messages.
 */
export async function recordExchange(
  sql: Sql,
  schema: string,
  conversationId: string,
  exchange: { messages: Message[]; state: ConversationState; at: string; started?: NewConversation },
): Promise<void> {
  const rows = exchange.messages.map((message) => ({
    id: message.id,
    conversation_id: conversationId,
    role: message.role,
    text: message.text,
    actions: sql.json(message.actions as never),
    created_at: message.createdAt,
  }));
  const state = sql.json(exchange.state as never);
  const { started } = exchange;
  // The messages' foreign key is checked at the end of the statement, when the new conversation is in.
  const conversation = started
    ? sql`insert into ${sql(schema)}.conversations (id, user_id, title, state, created_at, updated_at)
          values (${started.id}, ${started.userId}, ${started.title}, ${state}, ${started.createdAt}, ${exchange.at})`
    : sql`update ${sql(schema)}.conversations set state = ${state}, updated_at = ${exchange.at} where id = ${conversationId}`;
  await sql`
    with added as (insert into ${sql(schema)}.messages ${sql(rows, 'id', 'conversation_id', 'role', 'text', 'actions', 'created_at')})
    ${conversation}`;
}

export async function listMessages(sql: Sql, schema: string, conversationId: string, limit = 500): Promise<Message[]> {
  const rows = await sql<{ id: string; role: Message['role']; text: string; actions: Action[]; created_at: Date }[]>`
    select id, role, text, actions, created_at from (
      select * from ${sql(schema)}.messages where conversation_id = ${conversationId} order by created_at desc, id desc limit ${limit}
    ) latest order by created_at, id`;
  return rows.map((row) => ({ id: row.id, role: row.role, text: row.text, actions: row.actions, createdAt: row.created_at.toISOString() }));
}

/** The user's conversations, most recently active first. */
export async function latestConversations(sql: Sql, schema: string, userId: string, limit = 20): Promise<Omit<Conversation, 'state' | 'userId'>[]> {
  const rows = await sql<ConversationRow[]>`
    select * from ${sql(schema)}.conversations where user_id = ${userId} order by updated_at desc, id desc limit ${limit}`;
  return rows.map(toConversation).map(({ state: _state, userId: _userId, ...rest }) => rest);
}
