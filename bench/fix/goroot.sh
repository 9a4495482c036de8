#!/usr/bin/env bash
# Applies every fix gotrap offers (--go 1.21 --unsafe-fixes) to a copy of $(go env GOROOT)/src
# in build/fixcheck/, builds and vets the changed packages with the machine's Go (the fixed files
# laid over the real tree with -overlay) against the unfixed state, and runs --fix a second time,
# which must change nothing. Prints the number of fixes and the time taken. Too slow for every
# test run (a few minutes on 2 cores); the fixtures and examples/ part runs in CTest
# (fix-build-check).
# usage: bench/fix/goroot.sh [GOTRAP] [GO]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
gotrap=${1:-$root/build/src/cli/gotrap}
go=${2:-go}
export FIXCHECK_DIR=${FIXCHECK_DIR:-$root/build/fixcheck}
exec "$root/tests/fix/fix_build_check.sh" "$gotrap" "$go" goroot
