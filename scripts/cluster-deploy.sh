#!/usr/bin/env bash
# Deploys the system to the kind cluster made by scripts/kind-up.sh:
#   1. loads the function images (kind.local/todo-<fn>:dev, from `task images`) into the node;
#   2. creates the Secrets that are missing, with random values (nothing secret is in the repository):
#        db-role-<role>   kubernetes.io/basic-auth; CNPG sets the role's password from it
#        db-url-<fn>      DATABASE_URL of the function, as its own role
#        dapr-statestore  connectionString of the Dapr state store (role dapr)
#        todo-auth        AUTH_JWT_SECRET: the HS256 key of kind's tokens (the cloud uses OIDC instead)
#        dapr-app-token   the token every Dapr sidecar presents to its app (dapr.io/app-token-secret)
#      Existing Secrets are kept, so a redeploy never changes a password under a running database;
#   3. applies the overlay in two passes: first the platform (namespace, configuration, Kafka, topics,
#      Postgres, Dapr resources) and waits for Kafka and Postgres, then everything, and waits for the
#      functions and their KafkaSources.
# OVERLAY picks another kustomization (default knative/overlays/kind; e.g. dapr/overlays/kind-always-on).
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=${KIND_CLUSTER:-todo}
context="kind-$cluster"
namespace=todo
overlay=${OVERLAY:-knative/overlays/kind}
# One database role per function (functions/<fn>/src/main.ts), as knative/platform/postgres.yaml declares them.
roles=()
for main in functions/*/src/main.ts; do
  main=${main#functions/}
  roles+=("${main%%/*}")
done

step() { printf '\n==> [%ds] %s\n' "$SECONDS" "$*"; }
kubectl() { command kubectl --context "$context" "$@"; }

# 48 random hex characters: no character needs escaping in a URL or a connection string.
random_value() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
secret_exists() { kubectl get secret "$1" --namespace "$namespace" >/dev/null 2>&1; }
secret_field() { kubectl get secret "$1" --namespace "$namespace" --output "jsonpath={.data.$2}" | base64 -d; }

# Creates a Secret from `kubectl create secret generic` arguments, labelled, only if it does not exist.
# Values are passed as files (process substitution), never on a command line.
create_secret() {
  local name=$1
  shift
  if secret_exists "$name"; then
    echo "secret $name: kept"
    return
  fi
  kubectl create secret generic "$name" --namespace "$namespace" "$@" --dry-run=client --output yaml |
    kubectl label --local --filename - --output yaml app.kubernetes.io/part-of=todo cnpg.io/reload=true |
    kubectl apply --filename -
}

role_secret() {
  create_secret "db-role-$1" --type=kubernetes.io/basic-auth --from-literal="username=$1" \
    --from-file=password=<(random_value)
}

for tool in kind docker kubectl; do
  command -v "$tool" >/dev/null || { echo "deploy: $tool is not installed" >&2; exit 1; }
done
kind get clusters 2>/dev/null | grep -qx "$cluster" || { echo "deploy: no kind cluster $cluster; run task kind:up" >&2; exit 1; }

step "images"
loaded=()
for main in functions/*/src/main.ts; do
  [[ -f $main ]] || continue
  fn=$(basename "$(dirname "$(dirname "$main")")")
  image="kind.local/todo-$fn:dev"
  if docker image inspect "$image" >/dev/null 2>&1; then
    kind load docker-image "$image" --name "$cluster"
    loaded+=("$fn")
  else
    echo "warning: no local image $image (task images); its Knative Service will not become ready" >&2
  fi
done

step "namespace and secrets (only the missing ones)"
kubectl create namespace "$namespace" --dry-run=client --output yaml | kubectl apply --filename -
for role in "${roles[@]}"; do
  role_secret "$role"
  if ! secret_exists "db-url-$role"; then
    password=$(secret_field "db-role-$role" password)
    create_secret "db-url-$role" \
      --from-file=DATABASE_URL=<(printf 'postgres://%s:%s@todo-db-rw.%s:5432/todo?sslmode=require' "$role" "$password" "$namespace")
  fi
done
role_secret dapr
if ! secret_exists dapr-statestore; then
  password=$(secret_field db-role-dapr password)
  create_secret dapr-statestore \
    --from-file=connectionString=<(printf 'host=todo-db-rw.%s port=5432 dbname=todo user=dapr password=%s sslmode=require search_path=dapr' "$namespace" "$password")
fi
create_secret todo-auth --from-file=AUTH_JWT_SECRET=<(random_value)
create_secret dapr-app-token --from-file=token=<(random_value)

step "platform: $overlay without the functions and their event sources"
kubectl apply --kustomize "$overlay" --selector 'app.kubernetes.io/component notin (function,eventing)'
kubectl wait kafka.kafka.strimzi.io/my-cluster --namespace kafka --for=condition=Ready --timeout=15m
kubectl wait kafkatopic.kafka.strimzi.io --all --namespace kafka --for=condition=Ready --timeout=5m
kubectl wait cluster.postgresql.cnpg.io/todo-db --namespace "$namespace" --for=condition=Ready --timeout=10m

step "everything: $overlay"
kubectl apply --kustomize "$overlay"
if kubectl get kafkasink.eventing.knative.dev --namespace "$namespace" --output name 2>/dev/null | grep -q .; then
  kubectl wait kafkasink.eventing.knative.dev --all --namespace "$namespace" --for=condition=Ready --timeout=5m
fi
for fn in "${loaded[@]}"; do
  kubectl wait "ksvc/$fn" --namespace "$namespace" --for=condition=Ready --timeout=10m
  if kubectl get "kafkasource.sources.knative.dev/$fn" --namespace "$namespace" >/dev/null 2>&1; then
    kubectl wait "kafkasource.sources.knative.dev/$fn" --namespace "$namespace" --for=condition=Ready --timeout=5m
  fi
done

step "deployed in ${SECONDS}s"
kubectl get ksvc --namespace "$namespace"
