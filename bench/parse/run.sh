#!/usr/bin/env bash
# Parse throughput, gotrap vs go/parser, over every .go file of $(go env GOROOT)/src, one thread
# each (go/parser runs with GOMAXPROCS=1 so its garbage collector gets no second core either).
# Usage: bench/parse/run.sh [ROUNDS]     (BUILD_DIR overrides the build directory, default build/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"  # absolute: the Go helper is built from tools/
rounds="${1:-3}"
out="$build/bench/parse"
mkdir -p "$out"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" gotrap_parse_bench >/dev/null
(cd "$root/tools" && go build -o "$out/goparsebench" ./goparsebench)

goroot="$(go env GOROOT)"
find "$goroot/src" -name '*.go' -type f | LC_ALL=C sort >"$out/files.txt"

gotrap_line="$("$build/bench/parse/gotrap_parse_bench" "$out/files.txt" "$rounds")"
go_line="$(GOMAXPROCS=1 "$out/goparsebench" "$out/files.txt" "$rounds")"
gotrap_rate="$(sed -n 's/^gotrap_mb_per_s=//p' <<<"$gotrap_line")"
go_rate="$(sed -n 's/^go_mb_per_s=//p' <<<"$go_line")"
gotrap_cpu="$(sed -n 's/^gotrap_cpu_mb_per_s=//p' <<<"$gotrap_line")"
go_cpu="$(sed -n 's/^go_cpu_mb_per_s=//p' <<<"$go_line")"

echo "== parse benchmark: all .go files of \$(go env GOROOT)/src ($(go env GOVERSION)), single thread =="
grep -v 'mb_per_s=' <<<"$gotrap_line" || true
grep -v 'mb_per_s=' <<<"$go_line" || true
awk -v a="$gotrap_rate" -v b="$go_rate" -v ac="$gotrap_cpu" -v bc="$go_cpu" 'BEGIN {
  printf "wall: gotrap %.1f MB/s (target >= 150)   go/parser %.1f MB/s   ratio %.1fx (target >= 8x)\n", a, b, a / b
  printf "cpu:  gotrap %.1f MB/s                   go/parser %.1f MB/s   ratio %.1fx\n", ac, bc, ac / bc
}'
