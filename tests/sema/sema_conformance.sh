#!/bin/sh
# sema-conformance: resolution and expression types of gotrap vs go/types over the standard library.
# usage: sema_conformance.sh GOTRAP WORKDIR TOOLSDIR
# Everything the Go toolchain caches goes under WORKDIR (inside the build directory).
set -eu
gotrap=$1
work=$2
tools=$3
command -v go >/dev/null 2>&1 || { echo "sema-conformance: the go command is required" >&2; exit 1; }
mkdir -p "$work"
export GOCACHE="$work/gocache" GOTOOLCHAIN=local GOFLAGS= GOOS=linux GOARCH=amd64 CGO_ENABLED=0
(cd "$tools" && go build -o "$work/semadump" ./semadump)
src="$(go env GOROOT)/src"

start=$(date +%s)
"$work/semadump" dump -root "$src" -uses "$work/go-uses.txt" -types "$work/go-types.txt"
mid=$(date +%s)
cd "$src"
"$gotrap" debug uses --no-tests ./... >"$work/gotrap-uses.txt" 2>"$work/gotrap-uses.err" || true
"$gotrap" debug types --no-tests ./... >"$work/gotrap-types.txt" 2>"$work/gotrap-types.err" || true
end=$(date +%s)
echo "go/types: $((mid - start))s, gotrap (uses + types runs): $((end - mid))s"
test -s "$work/gotrap-uses.txt" || { echo "gotrap printed no uses; see $work/gotrap-uses.err" >&2; exit 1; }
exec "$work/semadump" compare "$work/gotrap-uses.txt" "$work/go-uses.txt" \
  "$work/gotrap-types.txt" "$work/go-types.txt"
