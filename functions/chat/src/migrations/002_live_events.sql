-- Live messages on their way to the open pages of every chat instance. The consumer that receives an
-- event stores it here and NOTIFYs `<schema>_live` with its position and user (a NOTIFY payload is
-- limited to 8000 bytes; a task with a long description is not). Rows are kept a few minutes: long
-- enough for every instance to read them, and the window in which a redelivered event is recognised.
create table {{schema}}.live_events (
  position bigint generated always as identity primary key,
  source text not null,
  id text not null,
  user_id text not null,
  message json not null,
  created_at timestamptz not null default now(),
  unique (source, id)
);

create index live_events_created on {{schema}}.live_events (created_at);
