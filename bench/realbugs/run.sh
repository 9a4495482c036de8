#!/usr/bin/env bash
# Scores gotrap on real bugs that maintainers fixed (bench/realbugs/bugs/*.tsv): each bug is a
# file and line in the last release with the bug and in the first release with the fix, both
# fetched from the Go module proxy. Prints recall per rule and per family (families.tsv), the
# fixed releases still flagged, and the misses.
# Usage: bench/realbugs/run.sh [--gotrap BIN] [--compare OTHER_BIN] [--rule R[,R...]]
#                              [--local DIR] [--bugs DIR] [--jobs N]
#   --local DIR   read module versions from DIR/<module>@<version>/ instead of downloading
# GOMODCACHE defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod (set GOTRAP_GOMODCACHE to
# override); BUILD_DIR overrides the build directory (default build/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
gotrap="$build/src/cli/gotrap"
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gotrap) gotrap="$2"; shift 2 ;;
    --compare) args+=(-compare "$2"); shift 2 ;;
    --rule) args+=(-rule "$2"); shift 2 ;;
    --local) args+=(-local "$(realpath "$2")"); shift 2 ;;
    --bugs) args+=(-bugs "$(realpath "$2")"); shift 2 ;;
    --jobs) args+=(-jobs "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ ! -x "$gotrap" ]]; then
  echo "run.sh: no gotrap binary at $gotrap (build it with scripts/build gotrap, or pass --gotrap)" >&2
  exit 2
fi
modcache="${GOTRAP_GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
mkdir -p "$modcache" "$build/bench/realbugs"
(cd "$root/tools" && go build -o "$build/bench/realbugs/realbugs" ./realbugs)
exec "$build/bench/realbugs/realbugs" -bugs "$here/bugs" -families "$here/families.tsv" \
  -gotrap "$gotrap" -gomodcache "$modcache" -jobs "${GOTRAP_JOBS:-2}" "${args[@]}"
