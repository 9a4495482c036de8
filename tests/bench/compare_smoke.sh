#!/usr/bin/env bash
# compare-smoke: bench/compare/run.sh, offline, with only gotrap and go vet over a tiny local
# module, still prints the table bench/compare.md carries: a row per tool and mode with numeric
# wall, CPU, RSS, findings, exit status and load columns, and the ratio table; --report writes
# the same report again from the .tsv alone; wrong arguments stop it before anything runs.
# Figures are never judged.
# Usage: compare_smoke.sh GOTRAP WORK_DIR
set -euo pipefail
gotrap="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/../../bench/compare/run.sh"
rm -rf "$work"; mkdir -p "$work"
fail() { echo "compare-smoke: $*" >&2; exit 1; }

for bad in "--only gotrap,lint" "--target nowhere" "--frobnicate"; do
  # shellcheck disable=SC2086
  if GOTRAP="$gotrap" "$run" $bad --out "$work/bad.md" 2>"$work/bad.err"; then fail "$bad was accepted"; fi
  [[ ! -e "$work/bad.md" && ! -e "$work/bad.tsv" ]] || fail "$bad wrote a report"
done

GOTRAP="$gotrap" GOPROXY=off GOFLAGS=-mod=mod COMPARE_LOGS="$work/logs" "$run" \
  --targets "$here/testdata/compare" --only gotrap,govet --out "$work/compare.md"
md="$work/compare.md"
grep -q '^| target | tool | mode | wall s | CPU s | peak RSS MB | findings | exit | load |$' "$md" \
  || fail "no table header"
num='[0-9]+(\.[0-9]+)?'
for row in "gotrap | cold" "go-vet | cold" "go-vet | warm"; do
  grep -Eq "^\| compare \| $row \| $num \| $num \| $num \| $num \| [01] \| $num \|$" "$md" \
    || fail "no numeric row for $row"
done
# Without a result cache the warm and touched rows say n/a; with one they are measured.
for mode in warm touched; do
  grep -Eq "^\| compare \| gotrap \| $mode \| ($num \| $num \| $num \| $num \| [01]|n/a \| n/a \| n/a \| n/a \| n/a) \| $num \|$" "$md" \
    || fail "no gotrap $mode row"
done
# The fixture has one lost cancel (both tools) and one printf mistake (go vet alone).
grep -Eq '^\| compare \| gotrap \| cold \| [^|]+ \| [^|]+ \| [^|]+ \| 1 \| 0 \| [^|]+ \|$' "$md" || fail "gotrap cold should find 1"
grep -Eq '^\| compare \| go-vet \| cold \| [^|]+ \| [^|]+ \| [^|]+ \| 2 \| 1 \| [^|]+ \|$' "$md" || fail "go vet cold should find 2"
r='([0-9]+(\.[0-9])?x|n/a)'
grep -Eq "^\| compare \| go-vet \| $r \| $r \| $r \| $r \| $r \| $r \|$" "$md" || fail "no ratio row"
[[ -s "$work/logs/compare.go-vet.cold.log" ]] || fail "go vet's output was not kept"
grep -q '^| compare | gotrap | lost-cancel 1 |$' "$md" || fail "gotrap's finding is not counted by rule"
grep -q '^Measured by `bench/compare/run.sh --targets' "$md" || fail "the report does not give the command"
grep -q 'load average (1, 5, 15 min) [0-9.]* [0-9.]* [0-9.]* at the start' "$md" || fail "no load average"

# --report: the same report from the figures alone.
cp "$md" "$work/first.md"
GOTRAP="$gotrap" COMPARE_LOGS="$work/logs" "$run" --report --out "$md" >/dev/null
cmp -s "$md" "$work/first.md" || { diff "$work/first.md" "$md" >&2; fail "--report wrote another report"; }
echo "compare-smoke: ok"
