#!/usr/bin/env bash
# Cost of gotrap's semantic model (load, sema, CFG) next to its parser, over $(go env GOROOT)/src,
# one thread, with go/types next to go/parser measured in the same run for reference.
# Each gotrap phase is the best of ROUNDS runs of gotrap_sema_bench (CPU seconds); the Go side is
# the best of ROUNDS rounds inside tools/gotypesbench (GOMAXPROCS=1).
# Usage: bench/sema/run.sh [ROUNDS]     (BUILD_DIR overrides the build directory, default build/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"  # absolute: the Go helper is built from tools/
rounds="${1:-3}"
out="$build/bench/sema"
mkdir -p "$out"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" gotrap_sema_bench >/dev/null
(cd "$root/tools" && go build -o "$out/gotypesbench" ./gotypesbench)
src="$(go env GOROOT)/src"

# best_of FLAGS: runs the bench ROUNDS times; prints "load parse sema cfg" minima and the file set.
best_of() {
  for _ in $(seq "$rounds"); do "$out/gotrap_sema_bench" "$@" "$src"; done | awk -f "$root/bench/sema/best_of.awk"
}
all="$(best_of)"
lib="$(best_of --no-tests)"
go_out="$("$out/gotypesbench" "$src" "$rounds")"
go_parse="$(sed -n 's/^go_parse_cpu_s=//p' <<<"$go_out")"
go_types="$(sed -n 's/^go_types_cpu_s=//p' <<<"$go_out")"

echo "== sema benchmark: \$(go env GOROOT)/src ($(go env GOVERSION)), one thread, CPU seconds, best of $rounds =="
grep -v '_cpu_s=' <<<"$go_out"
awk -v all="$all" -v lib="$lib" -v gp="$go_parse" -v gt="$go_types" 'BEGIN {
  split(all, a, "|"); split(a[1], A, " ")
  split(lib, l, "|"); split(l[1], L, " ")
  printf "gotrap, every package with its tests (%s):\n", a[2]
  printf "  load %.3f  parse %.3f  sema %.3f  cfg %.3f s\n", A[1], A[2], A[3], A[4]
  printf "  (load+sema+cfg) / parse = %.2f   (issue 3 budget: <= 1)\n", (A[1] + A[3] + A[4]) / A[2]
  printf "gotrap, library files only (%s):\n", l[2]
  printf "  load %.3f  parse %.3f  sema %.3f  cfg %.3f s\n", L[1], L[2], L[3], L[4]
  printf "  (sema+cfg) / parse = %.2f   beside go/types / go/parser = %.2f\n", (L[3] + L[4]) / L[2], gt / gp
  printf "  gotrap load+parse+sema+cfg %.3f s = %.2fx go/parser alone, %.2fx go/parser + go/types\n",
         L[1] + L[2] + L[3] + L[4], (L[1] + L[2] + L[3] + L[4]) / gp, (L[1] + L[2] + L[3] + L[4]) / (gp + gt)
}'
