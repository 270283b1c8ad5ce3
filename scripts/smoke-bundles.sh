#!/usr/bin/env bash
# Starts each bundle with plain node and waits for GET /ready to answer 200; prints the cold start.
# Then stops it with SIGTERM, as Knative does on a scale-down: it must exit with status 0 within
# stop_timeout_ms (the runtime's own stop deadline is 10 s), or it fails with its last output.
# Usage: scripts/smoke-bundles.sh [dist/<fn>/main.mjs ...]   (default: every bundle in dist/)
# Needs a reachable DATABASE_URL (default: scripts/postgres.sh url). NODE picks the binary; the
# default is the project's pinned Node 24, because `node` on PATH outside npm scripts is Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin=${NODE:-node_modules/.bin/node}
database_url=${DATABASE_URL:-$(bash scripts/postgres.sh url)}
timeout_ms=20000
stop_timeout_ms=12000
pid=''
data_dir=''

cleanup() {
  if [[ -n $pid ]]; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ -n $data_dir ]]; then rm -rf "$data_dir"; fi
  pid='' data_dir=''
}
trap cleanup EXIT

free_port() {
  "$node_bin" -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

# Prints the milliseconds until GET /ready answered 200; fails if the process exits or time runs out.
wait_ready() {
  local port=$1 started=$2
  while (( $(now_ms) - started < timeout_ms )); do
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/ready" 2>/dev/null; then
      echo $(( $(now_ms) - started ))
      return
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# Sends SIGTERM and sets exit_status and stop_ms; fails when the process is still there after
# stop_timeout_ms. Not run in a subshell: only this shell can wait for its child.
exit_status='' stop_ms=''
stop_within_bound() {
  local started
  started=$(now_ms)
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now_ms) - started >= stop_timeout_ms )); then return 1; fi
    sleep 0.05
  done
  exit_status=0
  wait "$pid" || exit_status=$?
  stop_ms=$(( $(now_ms) - started ))
  pid=''
}

show_output() { tail -n 40 "$1" | sed 's/^/  | /'; }

bundles=("$@")
if ((${#bundles[@]} == 0)); then bundles=(dist/*/main.mjs); fi
[[ -f ${bundles[0]} ]] || { echo "smoke: no bundles; run npm run build first" >&2; exit 1; }

failed=0
for bundle in "${bundles[@]}"; do
  name=$(basename "$(dirname "$bundle")")
  port=$(free_port)
  data_dir=$(mktemp -d)
  log="$data_dir/out.log"
  started=$(now_ms)
  PORT=$port SERVICE_NAME=$name DATABASE_URL=$database_url DATA_DIR=$data_dir "$node_bin" "$bundle" >"$log" 2>&1 &
  pid=$!
  if ms=$(wait_ready "$port" "$started"); then
    exit_status=''
    if stop_within_bound && [[ $exit_status == 0 ]]; then
      printf '%-24s ready in %6d ms, stopped in %5d ms\n' "$name" "$ms" "$stop_ms"
    else
      reason="did not exit within $stop_timeout_ms ms of SIGTERM"
      [[ -n $exit_status ]] && reason="exited with status $exit_status after SIGTERM"
      printf '%-24s FAILED: %s; its output:\n' "$name" "$reason"
      show_output "$log"
      failed=1
    fi
  else
    reason="exited before it was ready"
    if kill -0 "$pid" 2>/dev/null; then reason="not ready within $timeout_ms ms"; fi
    printf '%-24s FAILED: %s; its output:\n' "$name" "$reason"
    show_output "$log"
    failed=1
  fi
  cleanup
done
exit "$failed"
