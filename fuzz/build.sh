#!/usr/bin/env bash
# Builds the libFuzzer target (scanner + parser + dump) with clang, ASan and UBSan into
# build/fuzz/. Usage: fuzz/build.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
cxx="$(command -v clang++-14 || command -v clang++)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$cxx" -DGOTRAP_FUZZ=ON >/dev/null
ninja -C "$build" fuzz_parse
echo "built $build/fuzz/fuzz_parse"
