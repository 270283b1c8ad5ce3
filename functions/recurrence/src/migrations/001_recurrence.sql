-- One row per task that has had its next occurrence generated: the primary key is the guarantee
-- that a completion (however often delivered, on however many engines) makes one next task.
create table {{schema}}.successors (
  predecessor_task_id uuid primary key,
  user_id text not null,
  series_id uuid not null,
  task_id uuid not null unique,
  series_index integer not null check (series_index >= 2),
  due_at timestamptz not null,
  command_id uuid not null unique,
  created_at timestamptz not null
);

create index successors_series on {{schema}}.successors (series_id, series_index);

-- Deleted tasks never get a next occurrence, even when their completion is delivered after the deletion.
create table {{schema}}.deleted_tasks (
  task_id uuid primary key,
  user_id text not null,
  deleted_at timestamptz not null
);
