-- Reminders are claimed in (remind_at, id) order: with this index a batch reads its first rows
-- instead of sorting every due row (10,000 reminders due in the same second share one remind_at).
drop index {{schema}}.reminders_due;
create index reminders_due on {{schema}}.reminders (remind_at, id) where status = 'scheduled';
