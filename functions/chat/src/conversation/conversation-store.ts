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

export async function createConversation(sql: Sql, schema: string, conversation: Omit<Conversation, 'updatedAt' | 'state'>): Promise<Conversation> {
  const [row] = await sql<ConversationRow[]>`
    insert into ${sql(schema)}.conversations (id, user_id, title, state, created_at, updated_at)
    values (${conversation.id}, ${conversation.userId}, ${conversation.title}, ${sql.json({})}, ${conversation.createdAt}, ${conversation.createdAt})
    returning *`;
  return toConversation(row!);
}

/** Appends the user's message and the reply, and stores the new follow-up state, in one transaction. */
export async function recordExchange(
  sql: Sql,
  schema: string,
  conversationId: string,
  exchange: { messages: Message[]; state: ConversationState; at: string },
): Promise<void> {
  // One statement (atomic on its own): a round trip instead of five, on the path of every chat message.
  const rows = exchange.messages.map((message) => ({
    id: message.id,
    conversation_id: conversationId,
    role: message.role,
    text: message.text,
    actions: sql.json(message.actions as never),
    created_at: message.createdAt,
  }));
  await sql`
    with added as (insert into ${sql(schema)}.messages ${sql(rows, 'id', 'conversation_id', 'role', 'text', 'actions', 'created_at')})
    update ${sql(schema)}.conversations set state = ${sql.json(exchange.state as never)}, updated_at = ${exchange.at} where id = ${conversationId}`;
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
