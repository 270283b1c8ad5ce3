/** Tables every context has in its own schema: the outbox, its relay lease, and processed event ids. */
export const PLATFORM_TABLES = `
create table if not exists {{schema}}.outbox (
  position bigserial primary key,
  event_id text not null unique,
  event jsonb not null,
  created_at timestamptz not null default now()
);
create table if not exists {{schema}}.processed_events (
  source text not null,
  id text not null,
  processed_at timestamptz not null default now(),
  primary key (source, id)
);
create table if not exists {{schema}}.outbox_lease (
  name text primary key,
  holder text not null,
  expires_at timestamptz not null
);
`;
