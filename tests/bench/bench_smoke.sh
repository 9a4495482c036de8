#!/usr/bin/env bash
# bench-smoke: the benchmarks' output keeps the shape bench/sema/run.sh reads, its reader picks
# each phase's best run, and the go/types reference checks packages dependencies first. Figures
# are printed, never judged: this is not a timed test.
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

# run.sh's best-of-rounds reader: each phase's minimum over the runs, the header line ignored.
runs="$work/two_runs.txt"
"$bench" "$tree" >"$runs"
"$bench" "$tree" >>"$runs"
want="$(awk '$1 ~ /^(load|parse|sema|cfg)$/ && $3 == "s" { if (!($1 in m) || $2 + 0 < m[$1]) m[$1] = $2 + 0 }
             END { printf "%s %s %s %s", m["load"], m["parse"], m["sema"], m["cfg"] }' "$runs")"
got="$(awk -f "$here/../../bench/sema/best_of.awk" "$runs")"
[[ "$got" == "$want|packages 2, files 3, 0.0 MB" ]] || fail "best_of.awk printed '$got', want '$want|packages 2, files 3, 0.0 MB'"
grep -q "^sema bench over " "$runs" || fail "no header line: the header case of best_of.awk is untested"

# go/types: user imports base, so base must be checked first or the import fails (a type error).
out="$("$work/gotypesbench" "$tree" 1)"
echo "$out"
grep -q "^go reference: 2 packages, 2 library files" <<<"$out" || fail "gotypesbench: want 2 packages, 2 library files"
grep -q "(0 type errors)" <<<"$out" || fail "gotypesbench: type errors (import order?)"
grep -Eq "^go_parse_cpu_s=[0-9.]+$" <<<"$out" || fail "gotypesbench: no go_parse_cpu_s line"
grep -Eq "^go_types_cpu_s=[0-9.]+$" <<<"$out" || fail "gotypesbench: no go_types_cpu_s line"
echo "bench-smoke: ok"
