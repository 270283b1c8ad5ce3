-- One row per event (source, id) a user's data was touched by; each user's rows form a hash chain.
create table {{schema}}.audit_records (
  user_id text not null,
  sequence integer not null check (sequence >= 1),
  event_source text not null,
  event_id text not null,
  type text not null,
  subject text not null,
  task_id text,
  event_time timestamptz not null,
  received_at timestamptz not null,
  traceparent text not null,
  data jsonb not null,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  primary key (user_id, sequence),
  constraint audit_records_event unique (event_source, event_id)
);

create index audit_records_user_task on {{schema}}.audit_records (user_id, task_id, sequence) where task_id is not null;

-- The last link of each user's chain; appends for one user serialize on this row (select ... for update).
create table {{schema}}.chain_heads (
  user_id text primary key,
  sequence integer not null check (sequence >= 0),
  hash text not null check (hash ~ '^[0-9a-f]{64}$')
);

create function {{schema}}.refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % on %.% is refused', tg_op, tg_table_schema, tg_table_name
    using errcode = '42501';
end
$$;

create trigger audit_records_append_only before update or delete on {{schema}}.audit_records
  for each row execute function {{schema}}.refuse_audit_change();
create trigger audit_records_no_truncate before truncate on {{schema}}.audit_records
  for each statement execute function {{schema}}.refuse_audit_change();

-- A chain head only moves forward, one link at a time, and is never removed.
create function {{schema}}.advance_chain_head_only() returns trigger language plpgsql as $$
begin
  if new.user_id <> old.user_id or new.sequence <> old.sequence + 1 then
    raise exception 'a chain head only advances by one record (user %, % -> %)', old.user_id, old.sequence, new.sequence
      using errcode = '42501';
  end if;
  return new;
end
$$;

create trigger chain_heads_forward_only before update on {{schema}}.chain_heads
  for each row execute function {{schema}}.advance_chain_head_only();
create trigger chain_heads_no_delete before delete on {{schema}}.chain_heads
  for each row execute function {{schema}}.refuse_audit_change();
create trigger chain_heads_no_truncate before truncate on {{schema}}.chain_heads
  for each statement execute function {{schema}}.refuse_audit_change();
