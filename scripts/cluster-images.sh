#!/usr/bin/env bash
# Builds one image per function (functions/<fn>/src/main.ts) with the Dockerfile's FUNCTION build
# argument and prints each image's size.
# Usage: scripts/cluster-images.sh [function ...]   (default: every function)
# REGISTRY (default kind.local) and TAG (default dev) name the images: $REGISTRY/todo-<fn>:$TAG.
# Needs a Docker engine (this project's development machines have none; CI does not run it).
set -euo pipefail
cd "$(dirname "$0")/.."

registry=${REGISTRY:-kind.local}
tag=${TAG:-dev}

command -v docker >/dev/null || { echo "images: docker is not installed" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "images: no Docker engine answers (docker info failed)" >&2; exit 1; }

functions=("$@")
if ((${#functions[@]} == 0)); then
  for main in functions/*/src/main.ts; do
    [[ -f $main ]] || continue
    functions+=("$(basename "$(dirname "$(dirname "$main")")")")
  done
fi
((${#functions[@]} > 0)) || { echo "images: no functions/*/src/main.ts" >&2; exit 1; }

for fn in "${functions[@]}"; do
  image="$registry/todo-$fn:$tag"
  echo "==> $image"
  docker build --build-arg "FUNCTION=$fn" --tag "$image" .
done

echo
for fn in "${functions[@]}"; do
  docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' "$registry/todo-$fn:$tag"
done
