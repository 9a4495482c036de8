#!/usr/bin/env bash
# Fuzzes the parser: seeds are the committed fuzz/seeds/ plus a sample of real .go files from
# $(go env GOROOT)/src copied at run time. One in-process worker; crashes land in
# build/fuzz/artifacts-TARGET/, the log in build/fuzz/TARGET.log.
# Usage: fuzz/run.sh [SECONDS] [SAMPLE_FILES] [TARGET]   (defaults: 600 s, 400 files, fuzz_parse;
#        TARGET fuzz_check runs sema and every rule too)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
seconds="${1:-600}"
sample="${2:-400}"
target="${3:-fuzz_parse}"
"$root/fuzz/build.sh" "$target" >/dev/null

seed_dir="$build/corpus-seed"
work_dir="$build/corpus-$target"
artifacts="$build/artifacts-$target"
mkdir -p "$seed_dir" "$work_dir" "$artifacts"
if [[ -z "$(ls -A "$seed_dir")" ]]; then
  # Small files keep executions fast; a fixed shuffle seed keeps the sample reproducible.
  find "$(go env GOROOT)/src" -name '*.go' -size -16k -type f | LC_ALL=C sort |
    shuf -n "$sample" --random-source=<(yes) |
    while read -r f; do cp "$f" "$seed_dir/$(echo "$f" | md5sum | cut -c1-16).go"; done
fi

"$build/fuzz/$target" "$work_dir" "$seed_dir" "$root/fuzz/seeds" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 >"$build/$target.log" 2>&1 || true

echo "== $target: ${seconds} s, 1 worker =="
grep -E '^#[0-9]+' "$build/$target.log" | tail -1                  # last status: cov, ft, exec/s
grep -E '^(Done|stat::)' "$build/$target.log" || true
grep -E 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error' \
  "$build/$target.log" | head -5 || true
echo "artifacts (crashes, timeouts, ooms): $(ls "$artifacts" | wc -l) in $artifacts"
