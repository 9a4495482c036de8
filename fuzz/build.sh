#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan into build/fuzz/:
#   fuzz_parse: scanner + parser + dump;  fuzz_check: parse + sema + every rule + fix planning.
# Usage: fuzz/build.sh [TARGET...]   (default: both)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
cxx="$(command -v clang++-14 || command -v clang++)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$cxx" -DGOTRAP_FUZZ=ON >/dev/null
targets=("$@")
((${#targets[@]})) || targets=(fuzz_parse fuzz_check)
ninja -C "$build" "${targets[@]}"
echo "built ${targets[*]} in $build/fuzz/"
