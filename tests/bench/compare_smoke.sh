#!/usr/bin/env bash
# compare-smoke: bench/compare/run.sh, offline, with only gotrap and go vet over a tiny local
# module, still prints the table bench/compare.md carries: a row per tool and mode with numeric
# wall, CPU, RSS and findings columns, and the ratio table. Figures are never judged.
# Usage: compare_smoke.sh GOTRAP WORK_DIR
set -euo pipefail
gotrap="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$work"; mkdir -p "$work"
fail() { echo "compare-smoke: $*" >&2; exit 1; }

GOTRAP="$gotrap" GOPROXY=off GOFLAGS=-mod=mod "$here/../../bench/compare/run.sh" \
  --targets "$here/testdata/compare" --tools gotrap,govet --out "$work/compare.md"
md="$work/compare.md"
grep -q '^| target | tool | mode | wall s | CPU s | peak RSS MB | findings |$' "$md" || fail "no table header"
num='[0-9]+(\.[0-9]+)?'
for row in "gotrap | cold" "go-vet | cold" "go-vet | warm"; do
  grep -Eq "^\| compare \| $row \| $num \| $num \| $num \| $num \|$" "$md" || fail "no numeric row for $row"
done
# Without a result cache the warm and touched rows say n/a; with one they are measured.
for mode in warm touched; do
  grep -Eq "^\| compare \| gotrap \| $mode \| ($num \| $num \| $num \| $num|n/a \| n/a \| n/a \| n/a) \|$" "$md" \
    || fail "no gotrap $mode row"
done
# The fixture has one lost cancel (both tools) and one printf mistake (go vet alone).
grep -Eq '^\| compare \| gotrap \| cold \| .* \| 1 \|$' "$md" || fail "gotrap cold should find 1"
grep -Eq '^\| compare \| go-vet \| cold \| .* \| 2 \|$' "$md" || fail "go vet cold should find 2"
grep -Eq '^\| compare \| go-vet \| ([0-9]+x|n/a) \| ([0-9]+x|n/a) \|$' "$md" || fail "no ratio row"
echo "compare-smoke: ok"
