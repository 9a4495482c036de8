#!/usr/bin/env bash
# realbugs-smoke: bench/realbugs/run.sh scores a tiny local corpus (no downloads) and prints what
# it must: a bug found, a bug missed, a fixed release still flagged, a module version it cannot
# read, a bug behind a build tag found only when its row gives the tag, per-rule and per-family
# rows, a --compare run, and a refusal of a malformed bugs file.
# Usage: smoke.sh GOTRAP WORK_DIR
set -euo pipefail
gotrap="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="$root/bench/realbugs/run.sh"
mkdir -p "$work"
export BUILD_DIR="$work/build"
export GOTRAP_GOMODCACHE="$work/gomod"  # never used with --local; keeps the real cache untouched

fail() { echo "realbugs-smoke: $*" >&2; exit 1; }
# row NAME: the numbers of a table row, whitespace-normalised ("bugs found recall flagged ...").
row() { awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' <<<"$out"; }
want_row() {
  local got
  got="$(row "$1")"
  [[ "$got" == "$2" ]] || fail "row $1: got '$got', want '$2'"
}

out="$("$run" --gotrap "$gotrap" --local "$here/testdata/mods" --bugs "$here/testdata/bugs")"
echo "$out"
want_row defer-in-loop  "3 2 66.7% 0"
want_row slice-pop-leak "2 1 50.0% 1"
want_row lost-cancel    "1 0 - 0 (1 not scored)"
want_row resource       "3 2 66.7% 0"
want_row memory         "2 1 50.0% 1"
want_row total          "6 3 60.0% 1 (1 not scored)"
grep -q '^misses: 2$' <<<"$out" || fail "want exactly two misses"
# The tags column: with its tag the file behind //go:build smoketag is analysed and the bug found;
# the same row without the tag misses it.
grep -q '^  smoke-untagged \[defer-in-loop\] example.com/rb@v1.0.0 files/tagged.go:14  the same bug' <<<"$out" \
  || fail "smoke-untagged (no tags) not listed as a plain miss"
if grep -q '^  smoke-tagged ' <<<"$out"; then fail "smoke-tagged listed although its tag was given"; fi
grep -q '^  smoke-missed \[slice-pop-leak\] example.com/rb@v1.0.0 files/files.go:6 .*fires elsewhere in the file: slice-pop-leak:24' <<<"$out" \
  || fail "smoke-missed not listed as a miss with where the rule fired"
grep -q '^fixed releases flagged: 1$' <<<"$out" || fail "want exactly one fixed release flagged"
grep -q '^  smoke-flagged \[slice-pop-leak\] example.com/rb@v1.1.0 files/files.go:32: slice-pop-leak:32' <<<"$out" \
  || fail "smoke-flagged not listed as a fixed release still flagged"
grep -q '^  smoke-absent .*no local directory' <<<"$out" || fail "smoke-absent not listed as not scored"
grep -q '^wall time: ' <<<"$out" || fail "no wall time line"

# --compare with the same binary: two tables and no changed bug.
out="$("$run" --gotrap "$gotrap" --compare "$gotrap" --local "$here/testdata/mods" --bugs "$here/testdata/bugs" --rule slice-pop-leak)"
[[ "$(grep -c '^== realbugs: 2 bugs' <<<"$out")" == 2 ]] || fail "--compare --rule: want two tables of 2 bugs"
grep -q '^== changed between the two binaries: 0$' <<<"$out" || fail "--compare: want no changed bug"

# A bugs file with a wrong header is refused.
bad="$work/badbugs"
mkdir -p "$bad"
printf 'id\trule\tmodule\n' >"$bad/x.tsv"
if "$run" --gotrap "$gotrap" --local "$here/testdata/mods" --bugs "$bad" 2>"$work/bad.err"; then
  fail "a malformed bugs file was accepted"
fi
grep -q 'header must be' "$work/bad.err" || fail "malformed header: no explanation on stderr"
echo "realbugs-smoke: ok"
