#!/usr/bin/env bash
# Recall of timer-leak, http-server-timeout and body-not-closed on their peers' own testdata:
# staticcheck SA1015 (Debian package), gosec G112/G114 and bodyclose (modules fetched at pinned
# versions through the Go module proxy with `go mod download`, into the shared module cache).
# Network use stays here: the offline part (SA1015) also runs in CTest as peer-resources.
# Usage: bench/resource-peers/run.sh     (BUILD_DIR: build directory, default build/;
#        GOMODCACHE: module cache, default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
mkdir -p "$GOMODCACHE"

gosec_version=v2.21.4
bodyclose_version=v0.0.0-20260723120731-857993a2939c

# module_dir MODULE@VERSION: downloads the module (a no-op when cached) and prints its directory.
module_dir() {
  (cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "$1") |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}
gosec="$(module_dir github.com/securego/gosec/v2@$gosec_version)"
bodyclose="$(module_dir github.com/timakin/bodyclose@$bodyclose_version)"
[ -n "$gosec" ] && [ -n "$bodyclose" ] || { echo "module download failed" >&2; exit 2; }

[ -x "$build/src/cli/gotrap" ] || "$root/scripts/build" gotrap
echo "== resource rules on peer suites: gosec $gosec_version, bodyclose $bodyclose_version, staticcheck from Debian =="
cd "$root/tools"
go run ./resourcesuite -gotrap "$build/src/cli/gotrap" -gosec "$gosec" -bodyclose "$bodyclose"
