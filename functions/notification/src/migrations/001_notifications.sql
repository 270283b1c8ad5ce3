create table {{schema}}.preferences (
  user_id text primary key,
  in_app boolean not null default true,
  webhook_url text,
  webhook_secret text,
  email_address text,
  quiet_hours jsonb,
  updated_at timestamptz not null
);

create table {{schema}}.notifications (
  id uuid primary key,
  user_id text not null,
  reminder_id text,
  task_id uuid,
  title text not null,
  body text not null default '',
  channel text not null check (channel in ('in-app', 'webhook', 'email')),
  status text not null check (status in ('pending', 'sending', 'delivered', 'failed')),
  traceparent text not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  read_at timestamptz,
  -- One notification per reminder and channel, however often the reminder event arrives.
  constraint notifications_once_per_reminder unique (reminder_id, channel)
);

create index notifications_user_created on {{schema}}.notifications (user_id, created_at desc, id desc);
create index notifications_user_unread on {{schema}}.notifications (user_id, created_at desc, id desc) where channel = 'in-app' and read_at is null;
create index notifications_due on {{schema}}.notifications ((case when status = 'pending' then next_attempt_at else locked_until end))
  where status in ('pending', 'sending');
