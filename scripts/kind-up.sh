#!/usr/bin/env bash
# Creates the kind cluster "todo" from kind-config.yaml and installs the platform at pinned versions,
# waiting for each part to be ready before the next (order of platform.md §8.2):
#   Knative Serving + Kourier (NodePort 31080 = localhost:80), Knative Eventing, Strimzi,
#   eventing-kafka-broker (controller, KafkaSource, KafkaSink), Dapr with its Scheduler, CloudNativePG.
# The application (Kafka cluster, topics, Postgres cluster, Dapr components, functions) comes next with
# `task deploy` (scripts/cluster-deploy.sh). Re-running is safe: an existing cluster is reused and every
# install is an apply/upgrade.
# Needs: a Docker engine, kind >= 0.30, kubectl >= 1.33, helm >= 3.14, curl, and the network.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned versions. The Knative parts share one release number; eventing-kafka-broker must equal Eventing.
KNATIVE_VERSION=1.23.0   # knative/serving, net-kourier, knative/eventing, eventing-kafka-broker
STRIMZI_VERSION=1.2.0    # serves kafka.strimzi.io/v1 only (Kafka 4.3)
DAPR_VERSION=1.18.3      # Helm chart dapr/dapr; the Scheduler (Jobs API) is part of it
CNPG_VERSION=1.29.1      # CloudNativePG operator

cluster=${KIND_CLUSTER:-todo}
context="kind-$cluster"
knative="https://github.com/knative/serving/releases/download/knative-v$KNATIVE_VERSION"
kourier="https://github.com/knative-extensions/net-kourier/releases/download/knative-v$KNATIVE_VERSION"
eventing="https://github.com/knative/eventing/releases/download/knative-v$KNATIVE_VERSION"
eventing_kafka="https://github.com/knative-extensions/eventing-kafka-broker/releases/download/knative-v$KNATIVE_VERSION"
strimzi="https://github.com/strimzi/strimzi-kafka-operator/releases/download/$STRIMZI_VERSION/strimzi-cluster-operator-$STRIMZI_VERSION.yaml"
cnpg="https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-${CNPG_VERSION%.*}/releases/cnpg-$CNPG_VERSION.yaml"

step() { printf '\n==> [%ds] %s\n' "$SECONDS" "$*"; }
# Every kubectl and helm call names the kind context, so nothing is ever installed into another cluster.
kubectl() { command kubectl --context "$context" "$@"; }
helm() { command helm --kube-context "$context" "$@"; }
wait_deployments() { kubectl wait deployment --all --namespace "$1" --for=condition=Available --timeout="${2:-300s}"; }
wait_crds() { kubectl wait crd --all --for=condition=Established --timeout=120s >/dev/null; }

missing=()
for tool in docker kind kubectl helm curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  echo "kind:up: missing ${missing[*]} (see knative/README.md, \"Local cluster\")" >&2
  exit 1
fi
docker info >/dev/null 2>&1 || { echo "kind:up: no Docker engine answers (docker info failed)" >&2; exit 1; }

step "kind cluster $cluster"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "exists; reusing it"
else
  kind create cluster --name "$cluster" --config kind-config.yaml --wait 120s
fi

step "Knative Serving $KNATIVE_VERSION"
kubectl apply --filename "$knative/serving-crds.yaml"
wait_crds
kubectl apply --filename "$knative/serving-core.yaml"
wait_deployments knative-serving

step "Kourier $KNATIVE_VERSION as Knative's ingress, NodePort 31080 (localhost:80 by kind-config.yaml)"
kubectl apply --filename "$kourier/kourier.yaml"
kubectl patch configmap/config-network --namespace knative-serving --type merge \
  --patch '{"data":{"ingress-class":"kourier.ingress.networking.knative.dev"}}'
kubectl apply --filename - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: kourier-ingress
  namespace: kourier-system
  labels:
    networking.knative.dev/ingress-provider: kourier
spec:
  type: NodePort
  selector:
    app: 3scale-kourier-gateway
  ports:
    - name: http2
      port: 80
      targetPort: 8080
      nodePort: 31080
YAML
wait_deployments kourier-system
wait_deployments knative-serving
# The domain (127.0.0.1.sslip.io) is set by knative/overlays/kind/config-domain.yaml at deploy time.

step "Knative Eventing $KNATIVE_VERSION"
kubectl apply --filename "$eventing/eventing-crds.yaml"
wait_crds
kubectl apply --filename "$eventing/eventing-core.yaml"
wait_deployments knative-eventing
# The KafkaSources set delivery.timeout; make sure the feature is on whatever the release default.
# Sender identity: every KafkaSource presents a token of its own service account to its sink, which
# the functions require (knative/README.md, "Who may call what"). Transport encryption stays off: it
# needs cert-manager, which this cluster does not install; deliveries stay inside the cluster network.
kubectl patch configmap/config-features --namespace knative-eventing --type merge \
  --patch '{"data":{"delivery-timeout":"enabled","authentication-oidc":"enabled"}}'

step "Strimzi $STRIMZI_VERSION (watches namespace kafka)"
kubectl create namespace kafka --dry-run=client --output yaml | kubectl apply --filename -
# The release YAML names the namespace "myproject"; its CRDs are too large for client-side apply.
curl -fsSL "$strimzi" | sed 's/namespace: myproject/namespace: kafka/g' |
  kubectl apply --server-side --force-conflicts --namespace kafka --filename -
wait_crds
wait_deployments kafka

step "eventing-kafka-broker $KNATIVE_VERSION: controller, KafkaSource, KafkaSink"
kubectl apply --filename "$eventing_kafka/eventing-kafka-controller.yaml"
wait_crds
kubectl apply --filename "$eventing_kafka/eventing-kafka-source.yaml"
kubectl apply --filename "$eventing_kafka/eventing-kafka-sink.yaml"
wait_crds
wait_deployments knative-eventing
# The Kafka Broker is not installed (KafkaSources deliver); if its config exists, fit it to one broker
# anyway, since its default replication factor 3 cannot work on a one-node cluster (trap 25).
if kubectl get configmap kafka-broker-config --namespace knative-eventing >/dev/null 2>&1; then
  kubectl patch configmap/kafka-broker-config --namespace knative-eventing --type merge \
    --patch '{"data":{"default.topic.replication.factor":"1","bootstrap.servers":"my-cluster-kafka-bootstrap.kafka:9092"}}'
fi

step "Dapr $DAPR_VERSION (Helm; the Scheduler runs 3 replicas on kind's standard StorageClass)"
helm repo add dapr https://dapr.github.io/helm-charts/ --force-update >/dev/null
helm repo update dapr >/dev/null
helm upgrade --install dapr dapr/dapr --version "$DAPR_VERSION" \
  --namespace dapr-system --create-namespace --wait --timeout 10m
wait_deployments dapr-system

step "CloudNativePG $CNPG_VERSION"
kubectl apply --server-side --force-conflicts --filename "$cnpg"
wait_crds
wait_deployments cnpg-system

step "ready in ${SECONDS}s; next: task images deploy smoke"
