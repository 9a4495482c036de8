#!/usr/bin/env bash
# gotrap lsp: latency from didChange to publishDiagnostics (median, p95) on a generated 100-file
# package and on the largest package of $(go env GOROOT)/src, and resident memory after 10 000
# edits. The server's debounce is turned off for the latency (what is measured is the analysis
# of the package from the edited buffer and the round trip); an editor adds the debounce (150 ms).
# Usage: bench/lsp/run.sh [EDITS [MEMORY_EDITS]]   (defaults 200 and 10000; BUILD_DIR overrides build/;
#        GOTRAP=path measures that binary instead of building one, to compare two builds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
edits="${1:-200}"
memory_edits="${2:-10000}"

if [[ -n "${GOTRAP:-}" ]]; then
  gotrap="$(realpath "$GOTRAP")"
else
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" gotrap >/dev/null
  gotrap="$build/src/cli/gotrap"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A 100-file package: each file has ~120 lines of ordinary code and one lost-cancel.
mkdir -p "$work/gen/pkg"
printf 'module example.com/gen\n\ngo 1.22\n' >"$work/gen/go.mod"
for i in $(seq 1 100); do
  {
    printf 'package pkg\n\nimport (\n\t"context"\n\t"fmt"\n\t"strings"\n)\n\n'
    printf 'type Item%d struct {\n\tName string\n\tTags []string\n\tNext *Item%d\n}\n\n' "$i" "$i"
    for j in $(seq 1 8); do
      printf 'func (it *Item%d) Render%d(prefix string) string {\n' "$i" "$j"
      printf '\tvar b strings.Builder\n\tfor k, tag := range it.Tags {\n'
      printf '\t\tif strings.HasPrefix(tag, prefix) {\n\t\t\tfmt.Fprintf(&b, "%%d:%%s;", k, tag)\n\t\t}\n\t}\n'
      printf '\treturn it.Name + b.String()\n}\n\n'
    done
    printf 'func Fetch%d(ctx context.Context, ids []string) error {\n' "$i"
    printf '\tctx, cancel := context.WithCancel(ctx)\n\tif len(ids) == 0 {\n\t\treturn nil\n\t}\n'
    printf '\tif ctx.Err() != nil {\n\t\treturn ctx.Err()\n\t}\n\tcancel()\n\treturn nil\n}\n'
  } >"$work/gen/pkg/file$i.go"
done

echo "== gotrap lsp: generated 100-file package =="
python3 "$root/bench/lsp/lsp_bench.py" "$gotrap" "$work/gen/pkg/file50.go" "$edits" "$memory_edits"

if command -v go >/dev/null 2>&1; then
  goroot="$(go env GOROOT)"
  # The largest package: the directory with the most bytes of non-test .go files.
  largest="$(find "$goroot/src" -name '*.go' ! -name '*_test.go' -type f -printf '%h %s\n' |
    awk '{bytes[$1] += $2} END {for (d in bytes) if (bytes[d] > max) {max = bytes[d]; dir = d}; print dir}')"
  file="$(find "$largest" -maxdepth 1 -name '*.go' ! -name '*_test.go' -type f | LC_ALL=C sort | head -1)"
  echo "== gotrap lsp: largest package of \$(go env GOROOT)/src ($(go env GOVERSION)): ${largest#"$goroot/src/"} =="
  python3 "$root/bench/lsp/lsp_bench.py" "$gotrap" "$file" "$edits" 0
else
  echo "(no go toolchain: the GOROOT package is skipped)"
fi
