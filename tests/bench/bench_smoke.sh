#!/usr/bin/env bash
# bench-smoke: the benchmarks' output keeps the shape bench/sema/run.sh reads, and the go/types
# reference checks packages dependencies first. Figures are printed, never judged: this is not a
# timed test.
# Usage: bench_smoke.sh GOTRAP_SEMA_BENCH WORK_DIR
set -euo pipefail
bench="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tree="$here/testdata/tree"
mkdir -p "$work"
(cd "$here/../../tools" && go build -o "$work/gotypesbench" ./gotypesbench)

fail() { echo "bench-smoke: $*" >&2; exit 1; }

# gotrap: one line per phase with its seconds (run.sh keeps the best of each), and the file set.
for flags in "" "--no-tests"; do
  out="$("$bench" $flags "$tree")"
  echo "$out"
  for phase in load parse sema cfg; do
    grep -Eq "^  $phase +[0-9]+\.[0-9]+ s" <<<"$out" || fail "no '$phase' line in gotrap_sema_bench $flags"
  done
  want_files=3
  [[ -n "$flags" ]] && want_files=2  # user_test.go left out
  grep -Eq "^  packages 2, files $want_files," <<<"$out" || fail "gotrap_sema_bench $flags: want 2 packages, $want_files files"
done

# go/types: user imports base, so base must be checked first or the import fails (a type error).
out="$("$work/gotypesbench" "$tree" 1)"
echo "$out"
grep -q "^go reference: 2 packages, 2 library files" <<<"$out" || fail "gotypesbench: want 2 packages, 2 library files"
grep -q "(0 type errors)" <<<"$out" || fail "gotypesbench: type errors (import order?)"
grep -Eq "^go_parse_cpu_s=[0-9.]+$" <<<"$out" || fail "gotypesbench: no go_parse_cpu_s line"
grep -Eq "^go_types_cpu_s=[0-9.]+$" <<<"$out" || fail "gotypesbench: no go_types_cpu_s line"
echo "bench-smoke: ok"
