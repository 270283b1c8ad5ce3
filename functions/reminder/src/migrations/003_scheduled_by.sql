-- The trace context of the span that scheduled each reminder: its firing links to it, so a trace
-- viewer leads from the firing back to the request that created the task.
alter table {{schema}}.reminders add column scheduled_by text;
