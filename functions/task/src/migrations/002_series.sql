alter table {{schema}}.tasks
  add column series_id uuid,
  add column series_index integer check (series_index >= 1),
  add constraint tasks_series_whole check ((series_id is null) = (series_index is null));
