#!/usr/bin/env bash
# Prints the logs of the functions' app containers (JSON lines), prefixed with the pod name.
# Usage: scripts/cluster-logs.sh [function ...]   (default: every function)
#   FOLLOW=1 follows; TAIL=<n> lines per container (default 100); CONTAINER=daprd for the Dapr sidecars.
# A function scaled to zero has no pod, hence no logs: send it a request or an event first.
set -euo pipefail

namespace=${NAMESPACE:-todo}
container=${CONTAINER:-app}
args=(--namespace "$namespace" --container "$container" --prefix --tail "${TAIL:-100}" --max-log-requests 30 --ignore-errors)
if [[ ${FOLLOW:-0} == 1 ]]; then args+=(--follow); fi

if (($# == 0)); then
  selector='app.kubernetes.io/part-of=todo,app.kubernetes.io/component=function'
else
  selector="serving.knative.dev/service in ($(IFS=,; echo "$*"))"
fi

if [[ -z $(kubectl get pods --namespace "$namespace" --selector "$selector" --output name) ]]; then
  echo "logs: no running pods for $selector in $namespace (scaled to zero?)" >&2
  exit 0
fi
kubectl logs "${args[@]}" --selector "$selector"
