create table {{schema}}.tasks (
  id uuid primary key,
  user_id text not null,
  title text not null,
  description text not null default '',
  status text not null check (status in ('pending', 'completed')),
  priority smallint not null check (priority between 1 and 4),
  tags text[] not null default '{}',
  due_at timestamptz,
  reminders text[] not null default '{}',
  recurrence jsonb,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  completed_at timestamptz,
  search tsvector not null
);

create index tasks_user_due on {{schema}}.tasks (user_id, (coalesce(due_at, 'infinity'::timestamptz)), id);
create index tasks_user_created on {{schema}}.tasks (user_id, created_at, id);
create index tasks_user_priority on {{schema}}.tasks (user_id, (-priority), (coalesce(due_at, 'infinity'::timestamptz)), id);
create index tasks_user_title on {{schema}}.tasks (user_id, lower(title), id);
create index tasks_user_pending_due on {{schema}}.tasks (user_id, due_at) where status = 'pending';
create index tasks_search on {{schema}}.tasks using gin (search);
create index tasks_tags on {{schema}}.tasks using gin (tags);
