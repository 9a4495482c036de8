#!/usr/bin/env bash
# Peer suites that Debian's packages do not ship: go vet's `waitgroup` analyzer (newer than the
# golang-golang-x-tools-dev of Debian 12) from golang.org/x/tools at a pinned version, fetched
# through the Go module proxy into the shared module cache, then scored by tools/peersuite.
# The suites Debian ships (loopclosure, lostcancel, copylock, SA2000) run offline in CTest
# (peer-conformance); this script needs the network on its first run only.
# Usage: bench/peer/run.sh      (BUILD_DIR overrides the build directory, default build/;
#                                GOMODCACHE defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
export GOFLAGS=-modcacherw
xtools_version=v0.39.0  # has go/analysis/passes/waitgroup and its testdata

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" gotrap >/dev/null
dir="$(cd /tmp && go mod download -json "golang.org/x/tools@$xtools_version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$dir" ]] || { echo "bench/peer: could not fetch golang.org/x/tools@$xtools_version" >&2; exit 2; }
cd "$root/tools"
go run ./peersuite -gotrap "$build/src/cli/gotrap" -go 1.21 -testdata "$dir" -suites waitgroup
