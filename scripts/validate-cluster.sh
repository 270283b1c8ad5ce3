#!/usr/bin/env bash
# Checks the cluster files without a cluster (CI runs it; so does `task manifests`):
#   1. kubeconform, strict: every YAML document under knative/ and dapr/ (kustomizations aside), then
#      the rendered output of every kustomization (kubectl kustomize), against the vendored schemas in
#      scripts/k8s-schemas/, looked up through its index.json exactly like the Ajv test does: a kind
#      without a schema there fails;
#   2. promtool: the alert and recording rules of knative/monitoring/rules/ (each PrometheusRule's
#      spec.groups, which is a Prometheus rule file) are checked, and their unit tests in rules/tests/ run;
#   3. go-task: Taskfile.yml parses and lists every documented task the README names;
#   4. shellcheck: every shell script (scripts/**/*.sh and .ci/run).
# The platform rules schemas cannot express (annotations, ports, scale bounds, delivery, ...) are
# checked by scripts/manifests.unit.test.ts, part of npm test.
# Tools, from PATH or the Go bin directory (~/go/bin):
#   kubeconform  go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0   (needs Go >= 1.26)
#   task         go install github.com/go-task/task/v3/cmd/task@v3.54.0            (needs Go >= 1.26)
#   promtool     go install github.com/prometheus/prometheus/cmd/promtool@v0.316.0 (Prometheus 3.16.0)
#   the shellcheck package (Debian: apt-get install shellcheck)
#   kubectl (kubectl kustomize) or kustomize (go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1),
#   or KUSTOMIZE=/path/to/kustomize; node (reads the schema index).
set -euo pipefail
cd "$(dirname "$0")/.."

PATH="$PATH:${GOBIN:-${GOPATH:-$HOME/go}/bin}"
# The tasks README.md, knative/README.md and docs/operating.md document.
documented_tasks=(setup dev test bench build up down test:kafka images kind:up deploy smoke logs kind:down manifests monitoring)
failures=()

step() { printf '\n==> %s\n' "$*"; }
fail() {
  echo "FAILED: $*" >&2
  failures+=("$*")
}
need() { command -v "$1" >/dev/null || { echo "validate-cluster: $1 is missing: $2" >&2; exit 2; }; }

need kubeconform 'go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0'
need task 'go install github.com/go-task/task/v3/cmd/task@v3.54.0'
need promtool 'go install github.com/prometheus/prometheus/cmd/promtool@v0.316.0'
need shellcheck 'apt-get install shellcheck'
need node 'npm ci brings node_modules/.bin/node; or install Node'

if [[ -n ${KUSTOMIZE:-} ]]; then
  kustomize=("$KUSTOMIZE" build)
elif kubectl version --client >/dev/null 2>&1; then
  kustomize=(kubectl kustomize)
elif command -v kustomize >/dev/null; then
  kustomize=(kustomize build)
else
  echo 'validate-cluster: kubectl or kustomize is missing: go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1' >&2
  exit 2
fi

# kubeconform finds a schema by template; {{ .Group }} is the apiVersion's group ("v1" for the core
# group), so <dir>/<group>/<kind>_<version>.json never confuses Knative's Service with the core one.
schemas=$(mktemp -d)
rules=$(mktemp -d)
trap 'rm -rf "$schemas" "$rules"' EXIT
node -e '
  const { mkdirSync, readFileSync, symlinkSync } = require("node:fs");
  const { dirname, join, resolve } = require("node:path");
  const [index, out] = process.argv.slice(1);
  for (const [key, file] of Object.entries(JSON.parse(readFileSync(index, "utf8")))) {
    const [apiVersion, kind] = key.split("|");
    const parts = apiVersion.split("/");
    mkdirSync(join(out, parts[0]), { recursive: true });
    symlinkSync(join(dirname(resolve(index)), file), join(out, parts[0], kind.toLowerCase() + "_" + parts.at(-1) + ".json"));
  }' scripts/k8s-schemas/index.json "$schemas"
conform=(kubeconform -strict -summary -schema-location "$schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json")

step "kubeconform: every YAML document under knative/ and dapr/"
# Not Kubernetes documents: the Grafana dashboard, the collector's configuration, promtool's tests.
"${conform[@]}" -ignore-filename-pattern '(^|/)kustomization\.ya?ml$' \
  -ignore-filename-pattern '^knative/monitoring/(dashboards|otel|rules/tests)/' knative dapr || fail "kubeconform knative/ dapr/"

mapfile -t kustomizations < <(find knative dapr -name kustomization.yaml -exec dirname {} \; | sort)
for dir in "${kustomizations[@]}"; do
  # A kustomize Component renders only inside the kustomization that uses it.
  if grep -qE '^kind:[[:space:]]*Component[[:space:]]*$' "$dir/kustomization.yaml"; then continue; fi
  step "kubeconform: ${kustomize[*]} $dir"
  if ! rendered=$("${kustomize[@]}" "$dir"); then
    fail "${kustomize[*]} $dir"
    continue
  fi
  "${conform[@]}" - <<<"$rendered" || fail "kubeconform $dir (rendered)"
done

# promtool reads plain rule files: each PrometheusRule's spec (JSON is YAML) goes to a file of the same
# name, with the tests beside them as in the repository, so their `rule_files: [../<name>.yaml]` resolve.
step "promtool $(go version -m "$(command -v promtool)" 2>/dev/null | awk '$1 == "mod" {print $3}'): knative/monitoring/rules"
if node -e '
  const { readFileSync, readdirSync, writeFileSync } = require("node:fs");
  const { join } = require("node:path");
  const { parse } = require("yaml");
  const [from, to] = process.argv.slice(1);
  for (const file of readdirSync(from).filter((name) => name.endsWith(".yaml"))) {
    const rule = parse(readFileSync(join(from, file), "utf8"));
    if (rule?.kind !== "PrometheusRule") throw new Error(join(from, file) + " is not a PrometheusRule");
    writeFileSync(join(to, file), JSON.stringify({ groups: rule.spec.groups }, null, 2));
  }' knative/monitoring/rules "$rules" && cp -r knative/monitoring/rules/tests "$rules/tests"; then
  promtool check rules "$rules"/*.yaml || fail "promtool check rules"
  promtool test rules "$rules"/tests/*.yaml || fail "promtool test rules"
else
  fail "knative/monitoring/rules: spec.groups of each PrometheusRule"
fi

step "go-task $(task --version): Taskfile.yml parses and lists the documented tasks"
# go-task colours its output when CI is set; the names are matched as plain text.
if listed=$(NO_COLOR=1 task --taskfile Taskfile.yml --list-all); then
  for name in "${documented_tasks[@]}"; do
    grep -qE "^\* ${name}:" <<<"$listed" || fail "task $name is not in Taskfile.yml"
  done
  echo "$(grep -c '^\* ' <<<"$listed") tasks, the documented ones included: ${documented_tasks[*]}"
else
  fail "task --list-all"
fi

step "shellcheck $(shellcheck --version | sed -n 's/^version: //p')"
mapfile -t scripts < <(find scripts -name '*.sh' | sort)
if shellcheck .ci/run "${scripts[@]}"; then
  echo "clean: .ci/run ${scripts[*]}"
else
  fail shellcheck
fi

if ((${#failures[@]} > 0)); then
  printf '\nvalidate-cluster: %d check(s) failed:\n' "${#failures[@]}" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
printf '\nvalidate-cluster: all checks passed\n'
