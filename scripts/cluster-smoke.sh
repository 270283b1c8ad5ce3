#!/usr/bin/env bash
# End-to-end check of a deployed kind cluster through Kourier's ingress, as a person or program would:
#   1. signs a token for a fresh user with kind's HS256 key (Secret todo-auth) via `npm run token`;
#   2. creates a task due in REMINDER_IN seconds (default 15) with a reminder at the due time, through
#      http://task.todo.127.0.0.1.sslip.io (the task function may be at zero: the activator holds the
#      request while a pod starts, so this also measures a cold start);
#   3. polls the audit log until it shows the task (task -> outbox -> Kafka -> KafkaSource -> audit);
#   4. polls the audit log until the reminder has fired (reminder's Dapr Job -> ReminderDelivered).
# AUDIT_PATH is the audit query, {id} standing for the task id (default /audit?taskId={id});
# REMINDER_FIRED is the event type that proves the reminder fired (default dev.todo.reminder.delivered.v1).
set -euo pipefail
cd "$(dirname "$0")/.."

context="kind-${KIND_CLUSTER:-todo}"
namespace=todo
domain=${DOMAIN:-$namespace.127.0.0.1.sslip.io}
reminder_in=${REMINDER_IN:-15}
audit_path=${AUDIT_PATH:-/audit?taskId=\{id\}}
reminder_fired=${REMINDER_FIRED:-dev.todo.reminder.delivered.v1}
node_bin=node_modules/.bin/node

step() { printf '\n==> [%ds] %s\n' "$SECONDS" "$*"; }
kubectl() { command kubectl --context "$context" "$@"; }
now_ms() { "$node_bin" -e 'console.log(Date.now())'; }

# Runs "$@" every 2 s until it succeeds; fails after $1 seconds.
poll() {
  local timeout=$1 started=$SECONDS
  shift
  until "$@"; do
    if ((SECONDS - started >= timeout)); then
      echo "smoke: gave up after ${timeout}s" >&2
      return 1
    fi
    sleep 2
  done
}

[[ -x $node_bin ]] || { echo "smoke: run npm ci first (needs $node_bin)" >&2; exit 1; }

step "token for a fresh user"
secret=$(kubectl get secret todo-auth --namespace "$namespace" --output 'jsonpath={.data.AUTH_JWT_SECRET}' | base64 -d)
issuer=$(kubectl get configmap todo-env --namespace "$namespace" --output 'jsonpath={.data.AUTH_ISSUER}')
audience=$(kubectl get configmap todo-env --namespace "$namespace" --output 'jsonpath={.data.AUTH_AUDIENCE}')
user="smoke-$(now_ms)"
token=$(AUTH_JWT_SECRET=$secret AUTH_ISSUER=$issuer AUTH_AUDIENCE=$audience npm run --silent token -- "$user")
auth="authorization: Bearer $token"

step "create a task due in ${reminder_in}s through http://task.$domain"
due=$("$node_bin" -e 'console.log(new Date(Date.now() + Number(process.argv[1]) * 1000).toISOString().replace(/\.\d+Z$/, "+00:00"))' "$reminder_in")
body=$(printf '{"title":"smoke %s","dueAt":"%s","reminders":["PT0S"],"tags":["smoke"]}' "$user" "$due")
started=$(now_ms)
response=$(curl -fsS --max-time 120 "http://task.$domain/tasks" -H "$auth" -H 'content-type: application/json' --data "$body")
echo "created in $(($(now_ms) - started)) ms (includes the cold start if task was at zero)"
id=$(printf '%s' "$response" | "$node_bin" -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).id))')
echo "task $id, due $due"

audit_url="http://audit.$domain${audit_path//\{id\}/$id}"
audit_shows() { curl -fsS --max-time 60 "$audit_url" -H "$auth" 2>/dev/null | grep -q -- "$1"; }

step "wait for the task in the audit log ($audit_url)"
poll 180 audit_shows "$id"
echo "in the audit log after ${SECONDS}s"

step "wait for the reminder to fire ($reminder_fired)"
poll $((reminder_in + 120)) audit_shows "$reminder_fired"
fired=$(now_ms)
due_ms=$("$node_bin" -e 'console.log(Date.parse(process.argv[1]))' "$due")
echo "reminder fired; seen in the audit log $(((fired - due_ms) / 1000)) s after its due time"

step "smoke passed in ${SECONDS}s"
