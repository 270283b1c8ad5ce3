-- One row per user and UTC day that had an event counted. Each event adds 1 to one column in the
-- same transaction that claims its (source, id) in processed_events, so a redelivery counts nothing.
create table {{schema}}.daily_counts (
  user_id text not null,
  day date not null,
  created integer not null default 0 check (created >= 0),
  completed integer not null default 0 check (completed >= 0),
  deleted integer not null default 0 check (deleted >= 0),
  reminders_delivered integer not null default 0 check (reminders_delivered >= 0),
  primary key (user_id, day)
);
