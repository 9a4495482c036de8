#!/usr/bin/env bash
# Peer suites that Debian does not ship: each peer's own testdata, from its module at a pinned
# version fetched through the Go module proxy (`go mod download`) into the shared module cache,
# scored by tools/peersuite -dir against the gotrap rule that answers it. Needs the network on the
# first run, so it is a benchmark, never part of scripts/test.
# Usage: bench/peers/run.sh [SUITE...]        (default: every suite below)
#   BUILD_DIR: build directory (default build/); GOTRAP: the binary (default BUILD_DIR/src/cli/gotrap)
#   GOMODCACHE: module cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
gotrap="$(realpath -m "${GOTRAP:-$build/src/cli/gotrap}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
export GOFLAGS=-mod=mod

# name | module@version | testdata directory inside the module | gotrap rule | what the suite checks
suites='
fatcontext | github.com/Crocmagnon/fatcontext@v0.7.2 | pkg/analyzer/testdata/src/common | ctx-in-loop | default configuration
fatcontext-quiet | github.com/Crocmagnon/fatcontext@v0.7.2 | pkg/analyzer/testdata/src/no_structpointer | ctx-in-loop | no wants: every finding is an extra
fatcontext-structpointer | github.com/Crocmagnon/fatcontext@v0.7.2 | pkg/analyzer/testdata/src/structpointer | ctx-in-loop | opt-in check (-check-struct-pointers), not a gotrap goal
'

[[ -x "$gotrap" ]] || { echo "no gotrap binary at $gotrap (scripts/build gotrap)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root/tools" && go build -o "$work/peersuite" ./peersuite)

wanted=" $* "
while IFS='|' read -r name module dir rule what; do
  name="$(echo $name)"; module="$(echo $module)"; dir="$(echo $dir)"; rule="$(echo $rule)"; what="$(echo $what)"
  [[ -n "$name" ]] || continue
  [[ $# -eq 0 || "$wanted" == *" $name "* ]] || continue
  moddir="$(cd "$work" && go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$moddir" && -d "$moddir/$dir" ]] || { echo "$name: $module has no $dir" >&2; exit 2; }
  echo "== $name ($module, $what)"
  "$work/peersuite" -gotrap "$gotrap" -dir "$moddir/$dir" -rule "$rule" || true
done <<<"$suites"
