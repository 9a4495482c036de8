#!/usr/bin/env bash
# Peer suites that Debian 12 does not ship, scored by tools/peersuite: each peer's own testdata,
# from its module at a pinned version fetched through the Go module proxy (`go mod download`)
# into the shared module cache. Needs the network on its first run, so it is a benchmark, never
# part of scripts/test; the suites Debian ships run offline in CTest (peer-conformance).
#   - go vet's waitgroup (golang.org/x/tools, newer than Debian's golang-golang-x-tools-dev);
#   - gosec G112/G114 (code samples with expected counts) and bodyclose (its `consumption`
#     package scored apart, informational);
#   - fatcontext, through `peersuite -dir DIR -rule RULE` (any directory of `// want` testdata).
# Usage: bench/peers/run.sh [SUITE...]   (default: every suite: waitgroup G112 G114 bodyclose
#                                          bodyclose-consumption fatcontext fatcontext-quiet
#                                          fatcontext-structpointer)
#   BUILD_DIR: build directory (default build/); GOTRAP: the binary (default BUILD_DIR/src/cli/gotrap)
#   GOMODCACHE: module cache (default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
gotrap="$(realpath -m "${GOTRAP:-$build/src/cli/gotrap}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
export GOFLAGS="-mod=mod -modcacherw"
mkdir -p "$GOMODCACHE"

xtools=golang.org/x/tools@v0.39.0  # has go/analysis/passes/waitgroup and its testdata
gosec=github.com/securego/gosec/v2@v2.21.4
bodyclose=github.com/timakin/bodyclose@v0.0.0-20260723120731-857993a2939c
fatcontext=github.com/Crocmagnon/fatcontext@v0.7.2

# Built-in suites of tools/peersuite that read a module: name | module flag
builtin='
waitgroup | -testdata
G112 | -gosec
G114 | -gosec
bodyclose | -bodyclose
bodyclose-consumption | -bodyclose
'
# Directories of `// want` testdata: name | module | testdata directory inside it | gotrap rule | what
dirs="
fatcontext | $fatcontext | pkg/analyzer/testdata/src/common | ctx-in-loop | default configuration
fatcontext-quiet | $fatcontext | pkg/analyzer/testdata/src/no_structpointer | ctx-in-loop | no wants: every finding is an extra
fatcontext-structpointer | $fatcontext | pkg/analyzer/testdata/src/structpointer | ctx-in-loop | opt-in check (-check-struct-pointers), not a gotrap goal
"

[[ -x "$gotrap" ]] || { echo "no gotrap binary at $gotrap (scripts/build gotrap)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root/tools" && go build -o "$work/peersuite" ./peersuite)

# module_dir MODULE@VERSION: downloads the module (a no-op when cached) and prints its directory.
module_dir() {
  local d
  d="$(cd "$work" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$d" && -d "$d" ]] || { echo "bench/peers: could not fetch $1" >&2; exit 2; }
  echo "$d"
}
trim() { local s="$*"; s="${s#"${s%%[![:space:]]*}"}"; echo "${s%"${s##*[![:space:]]}"}"; }
wanted() { [[ $# -eq 1 || " ${*:2} " == *" $1 "* ]]; }

status=0
names=()
declare -A need=()
while IFS='|' read -r name flag; do
  name="$(trim "$name")"; flag="$(trim "$flag")"
  [[ -n "$name" ]] && wanted "$name" "$@" || continue
  names+=("$name"); need[$flag]=1
done <<<"$builtin"
if [[ ${#names[@]} -gt 0 ]]; then
  args=(); mods=()
  for pair in "-testdata $xtools" "-gosec $gosec" "-bodyclose $bodyclose"; do
    flag="${pair%% *}"; module="${pair#* }"
    [[ -n "${need[$flag]:-}" ]] || continue
    args+=("$flag" "$(module_dir "$module")"); mods+=("$module")
  done
  echo "== ${names[*]} (${mods[*]})"
  suites="$(IFS=,; echo "${names[*]}")"
  "$work/peersuite" -gotrap "$gotrap" -go 1.21 "${args[@]}" -suites "$suites" || status=1
fi

# Scored for information: no threshold (the suites' misses are triaged in docs/peer-suites.md).
while IFS='|' read -r name module dir rule what; do
  name="$(trim "$name")"; module="$(trim "$module")"; dir="$(trim "$dir")"; rule="$(trim "$rule")"; what="$(trim "$what")"
  [[ -n "$name" ]] && wanted "$name" "$@" || continue
  moddir="$(module_dir "$module")"
  [[ -d "$moddir/$dir" ]] || { echo "$name: $module has no $dir" >&2; exit 2; }
  echo "== $name ($module, $what)"
  "$work/peersuite" -gotrap "$gotrap" -dir "$moddir/$dir" -rule "$rule" || true
done <<<"$dirs"
exit $status
