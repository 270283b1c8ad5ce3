-- Appends are written in batches, so a head may advance by several records at once; instead of
-- "exactly one step", a head may only move forward, and only onto a record of its own chain with
-- that record's hash (the trigger's lookup sees the records the same transaction inserted before).
create or replace function {{schema}}.advance_chain_head_only() returns trigger language plpgsql as $$
begin
  if new.user_id <> old.user_id or new.sequence <= old.sequence or not exists (
    select 1 from {{schema}}.audit_records record
    where record.user_id = new.user_id and record.sequence = new.sequence and record.hash = new.hash
  ) then
    raise exception 'a chain head only advances, onto a record of its chain (user %, % -> %)', old.user_id, old.sequence, new.sequence
      using errcode = '42501';
  end if;
  return new;
end
$$;
