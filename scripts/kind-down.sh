#!/usr/bin/env bash
# Deletes the kind cluster created by scripts/kind-up.sh (its volumes go with it).
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=${KIND_CLUSTER:-todo}
command -v kind >/dev/null || { echo "kind:down: kind is not installed" >&2; exit 1; }
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  kind delete cluster --name "$cluster"
else
  echo "kind:down: no kind cluster named $cluster"
fi
