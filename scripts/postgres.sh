#!/usr/bin/env bash
# A local Postgres for tests: a Debian cluster "todo-<port>" on 127.0.0.1:${PGPORT:-25432}.
# Usage: scripts/postgres.sh install|start|stop|status|url ...   (several run in order; run as root)
# Debian's cluster tools keep the data in /var/lib/postgresql/<version>/todo-<port>, which the postgres
# user can always reach; a data dir inside the clone would not be if the clone sits under /root.
set -euo pipefail

port=${PGPORT:-25432}
cluster="todo-${port}"
url="postgres://todo:todo@127.0.0.1:${port}/todo"

log() { echo "postgres: $*" >&2; }

# The newest installed major version, e.g. 15.
version() {
  local newest
  newest=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
  [[ -n $newest && -x /usr/lib/postgresql/$newest/bin/initdb ]] || { log "not installed; run: $0 install"; exit 1; }
  echo "$newest"
}

# Prints online, down or absent.
cluster_status() {
  local ver state
  ver=$(version)
  state=$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1 == v && $2 == c { print $4 }')
  echo "${state:-absent}"
}

as_postgres() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  if command -v pg_createcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    return
  fi
  log "installing postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

create_role_and_database() {
  as_postgres psql -p "$port" -X -q -v ON_ERROR_STOP=1 <<'SQL'
do $$ begin
  if not exists (select from pg_roles where rolname = 'todo') then
    create role todo login createdb password 'todo';
  end if;
end $$;
select 'create database todo owner todo' where not exists (select from pg_database where datname = 'todo')
\gexec
SQL
}

start() {
  local ver state
  ver=$(version)
  state=$(cluster_status)
  if [[ $state == online ]]; then
    log "already running on port $port"
    return
  fi
  if [[ $state == absent ]]; then
    pg_createcluster --port "$port" --start-conf manual "$ver" "$cluster" >/dev/null
    # pg_createcluster -o and pg_conftool write this value unquoted, which Postgres rejects.
    echo "listen_addresses = '127.0.0.1'" >"/etc/postgresql/$ver/$cluster/conf.d/listen.conf"
  fi
  pg_ctlcluster "$ver" "$cluster" start
  create_role_and_database
  log "running on 127.0.0.1:$port"
}

stop() {
  local state
  state=$(cluster_status)
  if [[ $state == online ]]; then
    pg_ctlcluster "$(version)" "$cluster" stop
  fi
  log "stopped"
}

status() {
  local state
  state=$(cluster_status)
  echo "$state"
  [[ $state == online ]]
}

(($# > 0)) || { log "usage: $0 install|start|stop|status|url ..."; exit 2; }
for command in "$@"; do
  case $command in
    install | start | stop | status) "$command" ;;
    url) echo "$url" ;;
    *) log "unknown command $command"; exit 2 ;;
  esac
done
