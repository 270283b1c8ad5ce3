#!/usr/bin/env bash
# The chat's held-out evaluation (eval/chat-heldout/): starts the whole one-process system (`npm start`) on its own
# port with a fresh data folder, plays every case through POST /chat with the live clock, prints the
# scores, and stops the system. Fails when the system does not start or a case met a 5xx; the score
# itself is reported, not enforced (the cases are never tuned to).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${CHAT_EVAL_PORT:-28080}
data=$(mktemp -d)
log="$data/system.log"
pid=
# The system runs in its own process group (npm → sh → tsx → node): the whole group is stopped at the end.
trap '[[ -n $pid ]] && { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$data"' EXIT

cd "$root"
if curl -s -o /dev/null "http://127.0.0.1:$port/live"; then
  echo "chat-heldout: something already listens on port $port (set CHAT_EVAL_PORT)"
  exit 1
fi
DATA_DIR="$data" PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn setsid npm start --silent >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "chat-heldout: the system exited:"; tail -20 "$log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "chat-heldout: not ready in 60 s"; tail -20 "$log"; exit 1; }

out="$data/eval.log"
BASE_URL="http://127.0.0.1:$port" DATA_DIR="$data" npx --no-install tsx eval/chat-heldout/run.ts | tee "$out" | grep -v '^right '
if grep -q 'met a 5xx' "$out"; then
  echo "chat-heldout: a case met a 5xx"
  exit 1
fi
