#!/usr/bin/env bash
# Ecosystem check: runs gotrap over the released module versions listed in modules.tsv and
# prints findings per rule with the verdicts of verdicts/<rule>.tsv. See README.md here.
#
#   bench/lintcheck/run.sh [--gotrap BIN] [--compare OTHER_BIN] [--untriaged RULE] [--fixes]
#                          [--fix-budget 60m] [--holdout] [--only REGEXP] [--jobs N] [--rerun] [--offline]
#
# Modules are downloaded (go mod download) into
# GOMODCACHE=${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod unless LINTCHECK_GOMODCACHE says
# otherwise; results and scratch copies go to build/lintcheck (LINTCHECK_OUT).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
gomodcache="${LINTCHECK_GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
out="${LINTCHECK_OUT:-$root/build/lintcheck}"
manifest="${LINTCHECK_MANIFEST:-$here/modules.tsv}"
verdicts="${LINTCHECK_VERDICTS:-$here/verdicts}"
gotrap="$root/build/src/cli/gotrap"

args=()
while (($#)); do
  case "$1" in
    --gotrap) gotrap="$2"; shift 2 ;;
    --compare|--untriaged|--only|--jobs|--context|--timeout|--fix-budget) args+=("-${1#--}" "$2"); shift 2 ;;
    --fixes|--holdout|--rerun|--offline) args+=("-${1#--}"); shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ -x "$gotrap" ]] || { echo "run.sh: no gotrap binary at $gotrap (scripts/build gotrap, or --gotrap BIN)" >&2; exit 2; }

mkdir -p "$out"
# The tool is standard-library Go; build it with the local toolchain, offline.
(cd "$root/tools" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off go build -o "$out/lintcheck" ./lintcheck)
export GOMODCACHE="$gomodcache"
exec "$out/lintcheck" -manifest "$manifest" -verdicts "$verdicts" -gotrap "$gotrap" -out "$out" \
  -gomodcache "$gomodcache" "${args[@]}"
