#!/usr/bin/env bash
# Builds the real Dapr sidecar (daprd) and the Jobs scheduler from the pinned Go module in
# dapr/sidecar/ into .cache/dapr-<version>/ (gitignored); a second run finds them and does nothing.
# Usage: scripts/dapr-sidecar.sh build|path|version
#   build    builds what is missing (about 8 minutes for daprd on 2 cores, cold)
#   path     prints the folder that holds daprd and scheduler
#   version  prints the pinned Dapr version
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
module="$root/dapr/sidecar"
version=$(sed -n 's:^require github.com/dapr/dapr \(v[0-9.]*\)$:\1:p' "$module/go.mod")
bin="$root/.cache/dapr-$version"

log() { echo "dapr-sidecar: $*" >&2; }

build_one() {
  local name=$1 tags=$2
  if [[ -x "$bin/$name" ]]; then
    return
  fi
  command -v go >/dev/null || { log "go not found"; exit 1; }
  log "building $name $version (cached in $bin)"
  mkdir -p "$bin"
  # Built to a temporary name first: an interrupted build never leaves a binary that looks complete.
  (cd "$module" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -tags "$tags" \
    -o "$bin/.$name.partial" "github.com/dapr/dapr/cmd/$name")
  mv "$bin/.$name.partial" "$bin/$name"
}

(($# > 0)) || { log "usage: $0 build|path|version"; exit 2; }
for command in "$@"; do
  case $command in
    build) build_one daprd stablecomponents; build_one scheduler "" ;;
    path) echo "$bin" ;;
    version) echo "$version" ;;
    *) log "unknown command $command"; exit 2 ;;
  esac
done
