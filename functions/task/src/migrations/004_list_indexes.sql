-- `GET /tasks` reads one user's tasks in the order it returns them and stops at the page's end:
-- each sort has an index that starts with the user and ends with the sort's keys (list-tasks.ts).
-- `dueAt`, `createdAt`, `title` and `priority` had theirs; `-dueAt` and `-priority` get theirs here.
create index tasks_user_due_first on {{schema}}.tasks (user_id, (coalesce(due_at, '-infinity'::timestamptz)), id);
create index tasks_user_priority_low on {{schema}}.tasks (user_id, priority, (coalesce(due_at, 'infinity'::timestamptz)), id);

-- `status=pending` (the page's list) and `overdue=true` read pending rows only, however many are done.
create index tasks_user_pending_due_order on {{schema}}.tasks (user_id, (coalesce(due_at, 'infinity'::timestamptz)), id) where status = 'pending';
create index tasks_user_pending_priority on {{schema}}.tasks (user_id, (-priority), (coalesce(due_at, 'infinity'::timestamptz)), id) where status = 'pending';

-- Search within one user's tasks. An index of every user's words made a search read every user's
-- matches (a fifth of all tasks for `q=inv`); here each word is prefixed with a key of its user, so
-- the index hands back this user's matches only. The key is 8 hex digits of the MD5 of the user id:
-- users sharing a key share candidates, never results (the list still compares user_id and `search`).
create function {{schema}}.user_key(user_id text) returns text
  language sql immutable parallel safe
  as $$ select left(md5(user_id), 8) $$;

-- In PL/pgSQL: its query is planned once per session, an SQL function's at every insert and update.
create function {{schema}}.user_lexemes(user_id text, search tsvector) returns tsvector
  language plpgsql immutable parallel safe
  as $$ begin
    return array_to_tsvector(array(select {{schema}}.user_key(user_id) || lexeme from unnest(tsvector_to_array(search)) as lexeme));
  end $$;

-- The user's lexemes of the search words, each a prefix: `user_lexemes(...) @@ user_query(...)`
-- holds for every task whose `search` matches the words as prefixes (`to_tsquery`), and a few more.
create function {{schema}}.user_query(user_id text, words text) returns tsquery
  language sql immutable parallel safe
  as $$ select array_to_string(array(
    select '''' || {{schema}}.user_key(user_id) || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':*'
    from unnest(tsvector_to_array(to_tsvector('simple', words))) as lexeme), ' & ')::tsquery $$;

create index tasks_user_search on {{schema}}.tasks using gin ({{schema}}.user_lexemes(user_id, search));
drop index {{schema}}.tasks_search;

-- The planner learns how common each user's words are now, not at autovacuum's next analyze.
analyze {{schema}}.tasks;
