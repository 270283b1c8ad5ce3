create table {{schema}}.conversations (
  id uuid primary key,
  user_id text not null,
  title text not null default '',
  -- What follow-ups refer to: the last numbered list, the task "it" means, a pending clarifying question.
  state jsonb not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index conversations_user_updated on {{schema}}.conversations (user_id, updated_at desc, id);

create table {{schema}}.messages (
  id uuid primary key,
  conversation_id uuid not null references {{schema}}.conversations (id) on delete cascade,
  role text not null check (role in ('user', 'assistant')),
  text text not null,
  actions jsonb not null default '[]',
  created_at timestamptz not null
);

create index messages_conversation on {{schema}}.messages (conversation_id, created_at, id);
