-- Single-use tickets that open one live stream (GET /stream?ticket=…), so the page never puts its
-- bearer token in a URL. Only a SHA-256 of the ticket is kept; a ticket is spent by deleting its row,
-- which holds across every chat instance on this schema.
create table {{schema}}.stream_tickets (
  ticket_hash bytea primary key,
  user_id text not null,
  expires_at timestamptz not null
);

create index stream_tickets_expires on {{schema}}.stream_tickets (expires_at);
