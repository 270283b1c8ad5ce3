-- The reminder context's own view of the tasks it hears about on task-events (it never reads the task schema).
-- `version` is the last task version applied: older or equal snapshots are ignored.
create table {{schema}}.tasks (
  id uuid primary key,
  user_id text not null,
  title text not null,
  due_at timestamptz,
  status text not null check (status in ('pending', 'completed', 'deleted')),
  version integer not null,
  reminders text[] not null default '{}'
);
create index tasks_user on {{schema}}.tasks (user_id, id);

-- One row per reminder. `origin` task: from the task's offsets (`before_due` is the offset);
-- extra: POST /reminders/schedule (`before_due` set when relative to the due time, null when absolute).
create table {{schema}}.reminders (
  id uuid primary key,
  task_id uuid not null references {{schema}}.tasks (id),
  user_id text not null,
  origin text not null check (origin in ('task', 'extra')),
  before_due text,
  remind_at timestamptz not null,
  status text not null check (status in ('scheduled', 'delivered', 'failed', 'cancelled')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  fired_at timestamptz,
  reason text
);
-- The local scheduler's queue: the earliest scheduled reminder, and the due ones to claim.
create index reminders_due on {{schema}}.reminders (remind_at) where status = 'scheduled';
create index reminders_user on {{schema}}.reminders (user_id, remind_at, id);
create index reminders_task on {{schema}}.reminders (task_id);
create unique index reminders_one_scheduled_per_offset on {{schema}}.reminders (task_id, before_due) where origin = 'task' and status = 'scheduled';
