-- One calendar feed per user. Only the SHA-256 of the feed's secret token is kept: the database
-- alone can neither show nor rebuild a feed's URL.
create table {{schema}}.calendar_feeds (
  user_id text primary key,
  token_hash bytea not null unique check (octet_length(token_hash) = 32),
  created_at timestamptz not null
);
