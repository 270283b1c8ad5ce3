#!/usr/bin/env bash
# What the Dockerfile's runtime stage holds, checked without Docker: for each function, only
# dist/<fn>/ (main.mjs, function.mjs and its source map, migrations/, public/ for chat; meta.json removed) is copied into
# an empty directory outside the repository, where no node_modules can be found, and started there
# with plain node as in the image (NODE_ENV=production, the function's SERVICE_NAME) until GET /ready
# answers. A bundle that still needs a package from node_modules fails here, though it would pass
# scripts/smoke-bundles.sh inside the repository.
# Usage: scripts/cluster-image-layout.sh [function ...]   (default: every bundle in dist/; run npm run build first)
# Needs DATABASE_URL (default: scripts/postgres.sh url); AUTH_JWT_SECRET is generated for the run.
set -euo pipefail
cd "$(dirname "$0")/.."

functions=("$@")
if ((${#functions[@]} == 0)); then
  for bundle in dist/*/main.mjs; do
    [[ -f $bundle ]] && functions+=("$(basename "$(dirname "$bundle")")")
  done
fi
((${#functions[@]} > 0)) || { echo "image-layout: no bundles in dist/; run npm run build first" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
bundles=()
for fn in "${functions[@]}"; do
  [[ -f dist/$fn/main.mjs ]] || { echo "image-layout: no dist/$fn/main.mjs" >&2; exit 1; }
  # The Dockerfile: RUN npm run build && rm -f dist/*/meta.json; COPY dist/${FUNCTION}/ /app/
  mkdir -p "$root/$fn"
  cp -R "dist/$fn/." "$root/$fn/"
  rm -f "$root/$fn/meta.json"
  echo "$fn: $(cd "$root/$fn" && find . -type f | sort | tr '\n' ' ')"
  bundles+=("$root/$fn/main.mjs")
done
if [[ -e /node_modules || -e ${root%/*}/node_modules ]]; then
  echo "image-layout: a node_modules folder is reachable from $root; the check would prove nothing" >&2
  exit 1
fi

NODE_ENV=production AUTH_JWT_SECRET=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') NODE="$PWD/node_modules/.bin/node" \
  bash scripts/smoke-bundles.sh "${bundles[@]}"
