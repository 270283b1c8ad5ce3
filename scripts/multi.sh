#!/usr/bin/env bash
# The multi-process system in the background: Postgres (scripts/postgres.sh, on PGPORT), Kafka
# (scripts/kafka.sh, on KAFKA_PORT), every function bundle as its own process, the dispatcher and the
# ingress on 127.0.0.1:${PORT:-8080} (local/multi/main.ts). Logs and pids in .run/multi/.
# Usage: scripts/multi.sh up|down|status
#   up      builds the bundles (npm run build), starts whatever is not running, points the functions at
#           that Postgres and that broker (DATABASE_URL, EVENT_BUS_URL unless set) and waits until the
#           ingress answers /ready
#   down    stops the functions, the dispatcher, the ingress and the broker (Postgres keeps running:
#           other work may use it; `task pg:down` stops it)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run="$root/.run/multi"
pid_file="$run/system.pid"
port=${PORT:-8080}

log() { echo "multi: $*" >&2; }

is_running() {
  [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

up() {
  if is_running; then
    log "already running (pid $(cat "$pid_file")) on http://127.0.0.1:$port"
    return
  fi
  (cd "$root" && npm run build --silent)
  bash "$root/scripts/postgres.sh" install start
  bash "$root/scripts/kafka.sh" start
  mkdir -p "$run"
  # `down` stops the broker this run started, whatever KAFKA_PORT says then.
  echo "${KAFKA_PORT:-29092}" >"$run/kafka.port"
  cd "$root"
  DATABASE_URL=${DATABASE_URL:-$(bash "$root/scripts/postgres.sh" url)} EVENT_BUS_URL=${EVENT_BUS_URL:-$(bash "$root/scripts/kafka.sh" url)} \
    nohup node_modules/.bin/node --import tsx local/multi/main.ts >>"$run/system.log" 2>&1 &
  echo $! >"$pid_file"
  local waited=0
  until curl -fs -o /dev/null "http://127.0.0.1:$port/ready"; do
    if ! is_running; then
      log "the system exited; last lines of $run/system.log:"
      tail -n 20 "$run/system.log" >&2
      exit 1
    fi
    ((waited++ < 240)) || { log "not ready after 120 s; see $run/*.log"; exit 1; }
    sleep 0.5
  done
  log "running on http://127.0.0.1:$port (logs: $run/<name>.log)"
}

down() {
  local hung=0
  if is_running; then
    local pid waited=0
    pid=$(cat "$pid_file")
    kill -TERM "$pid"
    # The supervisor's own stop deadline is 20 s (local/multi/main.ts).
    while kill -0 "$pid" 2>/dev/null; do
      if ((waited++ >= 50)); then
        log "the system did not exit within 25 s of SIGTERM; killing it. Last lines of $run/system.log:"
        tail -n 20 "$run/system.log" >&2
        kill -KILL "$pid" 2>/dev/null || true
        hung=1
        break
      fi
      sleep 0.5
    done
  fi
  rm -f "$pid_file"
  # Whatever a killed supervisor left behind.
  local file
  for file in "$run"/*.pid; do
    [[ -f $file ]] || continue
    kill -TERM "$(cat "$file")" 2>/dev/null || true
    rm -f "$file"
  done
  if [[ -f $run/kafka.port ]]; then
    KAFKA_PORT=$(cat "$run/kafka.port") bash "$root/scripts/kafka.sh" stop
    rm -f "$run/kafka.port"
  else
    bash "$root/scripts/kafka.sh" stop
  fi
  log "stopped"
  return "$hung"
}

status() {
  if is_running && curl -fs -o /dev/null "http://127.0.0.1:$port/ready"; then
    echo "online"
  else
    echo "down"
    return 1
  fi
}

(($# > 0)) || { log "usage: $0 up|down|status"; exit 2; }
for command in "$@"; do
  case $command in
    up | down | status) "$command" ;;
    *) log "unknown command $command"; exit 2 ;;
  esac
done
