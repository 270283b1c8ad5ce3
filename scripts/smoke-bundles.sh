#!/usr/bin/env bash
# Starts each bundle with plain node and waits for GET /ready to answer 200; prints the cold start.
# Usage: scripts/smoke-bundles.sh [dist/<fn>/main.mjs ...]   (default: every bundle in dist/)
# Needs a reachable DATABASE_URL (default: scripts/postgres.sh url). NODE picks the binary; the
# default is the project's pinned Node 24, because `node` on PATH outside npm scripts is Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin=${NODE:-node_modules/.bin/node}
database_url=${DATABASE_URL:-$(bash scripts/postgres.sh url)}
timeout_ms=20000
pid=''
data_dir=''

cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
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
    printf '%-24s ready in %6d ms\n' "$name" "$ms"
  else
    reason="exited before it was ready"
    if kill -0 "$pid" 2>/dev/null; then reason="not ready within $timeout_ms ms"; fi
    printf '%-24s FAILED: %s; its output:\n' "$name" "$reason"
    tail -n 40 "$log" | sed 's/^/  | /'
    failed=1
  fi
  cleanup
done
exit "$failed"
