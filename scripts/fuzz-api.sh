#!/usr/bin/env bash
# Fuzzes the HTTP API with Schemathesis, a fuzzer written by others, from the OpenAPI document the
# system serves. Installs Schemathesis (pinned) into .cache/; then, in a network namespace of its
# own, starts the one-process system on a free port with a fresh data folder, mints two users'
# tokens (alice sends the generated requests, bob tries her objects), runs every Schemathesis check
# in every phase (examples, coverage, fuzzing, stateful along the document's links) plus the checks
# in scripts/fuzz-api/hooks.py, writes test-results/fuzz-api/, stops the system, and exits non-zero
# on any finding, and when the system logged an error.
# Usage: bash scripts/fuzz-api.sh   (FUZZ_MAX_EXAMPLES, FUZZ_SEED tune the run)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

schemathesis_version=4.32.5
venv=.cache/schemathesis-$schemathesis_version
max_examples=${FUZZ_MAX_EXAMPLES:-100}
seed=${FUZZ_SEED:-20260601}
reports=test-results/fuzz-api

if [[ ! -x $venv/bin/schemathesis ]]; then
  echo "fuzz-api: installing Schemathesis $schemathesis_version into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# The rest runs in a network namespace with nothing but a loopback interface: the fuzzer stores
# webhook URLs of any host, and no notification the system then sends may leave the machine.
if [[ -z ${FUZZ_API_ISOLATED:-} ]]; then
  isolate=(unshare --net)
  if ((EUID != 0)); then isolate=(unshare --user --map-root-user --net); fi
  exec "${isolate[@]}" env FUZZ_API_ISOLATED=1 bash "${BASH_SOURCE[0]}" "$@"
fi
ip link set lo up

data=$(mktemp -d)
log="$data/system.log"
pid=
# The system runs in its own process group (npm → sh → tsx → node): the whole group is stopped at the end.
trap '[[ -n $pid ]] && { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$data"' EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base_url="http://127.0.0.1:$port"

# Write limits the run cannot reach: the fuzzer's writes are to be judged, not turned away with 429
# (documented, and covered by the rate-limit tests). No SMTP server and no language model.
env -u SMTP_URL -u OPENAI_BASE_URL -u OPENAI_API_KEY -u AUTH_JWKS_URL -u AUTH_JWT_SECRET -u DATABASE_URL \
  DATA_DIR="$data" PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn NODE_ENV=development \
  WRITE_RATE_LIMIT_REQUESTS=1000000 RATE_LIMIT_REQUESTS=1000000 \
  setsid npm start --silent >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base_url/ready" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "fuzz-api: the system exited:"; tail -20 "$log"; exit 1; }
  sleep 0.5
done
curl -sf "$base_url/ready" >/dev/null || { echo "fuzz-api: not ready in 60 s"; tail -20 "$log"; exit 1; }

token() { DATA_DIR="$data" npm run --silent token -- "$1"; }
alice=$(token alice)
bob=$(token bob)
auth_file="$data/users.json"
printf '{"auth": [%s, %s]}\n' \
  "{\"name\": \"alice\", \"fixedHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer $alice\"}]}" \
  "{\"name\": \"bob\", \"fixedHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer $bob\"}]}" >"$auth_file"

# Schemathesis ends with a pytest-style banner ("=== 2 warnings in 133.59s ==="), which a reader of CI
# logs takes for pytest's own closing line, with no test run. The same words, without the banner.
without_pytest_banner() {
  sed -E 's/^=+ (.+ in [0-9.]+s) =+$/fuzz-api: Schemathesis finished, \1/'
}

rm -rf "$reports"
mkdir -p "$reports"
started=$SECONDS
status=0
# One worker: Hypothesis describes strategies with `ast.parse`, which Python 3.11 (Debian 12's) does
# not allow from two threads at once ("AST constructor recursion depth mismatch").
FUZZ_AUTH_FILE="$auth_file" FUZZ_BASE_URL="$base_url" FUZZ_ALICE_TOKEN="$alice" FUZZ_BOB_TOKEN="$bob" FUZZ_REPORTS="$reports" \
  SCHEMATHESIS_HOOKS=scripts/fuzz-api/hooks.py \
  "$venv/bin/schemathesis" --config-file scripts/fuzz-api/schemathesis.toml run "$base_url/openapi.json" \
  --checks all --phases examples,coverage,fuzzing,stateful --workers 1 \
  --max-examples "$max_examples" --seed "$seed" --request-timeout 10 \
  --generation-database none --no-color \
  --report junit,ndjson --report-dir "$reports" 2>&1 | without_pytest_banner || status=$?
echo "fuzz-api: Schemathesis $schemathesis_version ran for $((SECONDS - started)) s against $base_url (exit $status)"

cp "$log" "$reports/system.log"
errors=$(grep -cE '"level":"(error|fatal)"' "$log" || true)
if ((errors > 0)); then
  echo "fuzz-api: the system logged $errors errors (in $reports/system.log); the first:"
  grep -m 3 -E '"level":"(error|fatal)"' "$log" | cut -c1-600
  status=1
fi
exit "$status"
