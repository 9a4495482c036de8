#!/usr/bin/env bash
# --shard K/N: the shards split the packages without overlap or gaps (their findings together are
# the whole run's), a package keeps its shard when unrelated packages are added, and each shard's
# SARIF carries its own runAutomationDetails id.
# Usage: shard_test.sh GOTRAP
set -euo pipefail
gotrap="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mod="$work/mod"
fail() { echo "shard-test: $*" >&2; exit 1; }
mkdir -p "$mod"
cd "$mod"
printf 'module example.com/shards\n\ngo 1.22\n' >go.mod
add_package() {
  mkdir -p "$1"
  cat >"$1/p.go" <<GO
package $(basename "$1")

import "context"

func Leak(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent)
	return ctx
}
GO
}
for d in alpha beta gamma delta epsilon zeta eta theta svc/iota svc/kappa; do add_package "$d"; done

"$gotrap" --no-cache --exit-zero ./... | sort >"$work/all"
[[ $(wc -l <"$work/all") -eq 10 ]] || fail "expected 10 findings in the whole run"
: >"$work/union"
nonempty=0
for k in 1 2 3; do
  "$gotrap" --no-cache --exit-zero --shard "$k/3" ./... | sort >"$work/shard.$k"
  [[ -s "$work/shard.$k" ]] && nonempty=$((nonempty + 1))
  cat "$work/shard.$k" >>"$work/union"
done
sort "$work/union" >"$work/union.sorted"
cmp -s "$work/all" "$work/union.sorted" || { diff "$work/all" "$work/union.sorted" >&2; fail "shards do not add up to the whole run"; }
[[ $nonempty -ge 2 ]] || fail "all packages fell into one shard"

# Unrelated packages added: every old finding stays in its shard.
for d in lambda mu nu xi omicron; do add_package "$d"; done
for k in 1 2 3; do
  "$gotrap" --no-cache --exit-zero --shard "$k/3" ./... | sort >"$work/after.$k"
  missing="$(comm -23 "$work/shard.$k" "$work/after.$k")"
  [[ -z "$missing" ]] || fail "shard $k lost findings when packages were added: $missing"
done

# SARIF: one automation id per shard.
"$gotrap" --no-cache --exit-zero --shard 2/3 --format sarif ./... >"$work/sarif"
grep -q '"id": "gotrap/shard-2-of-3/"' "$work/sarif" || fail "no runAutomationDetails id in shard 2's SARIF"
for bad in 0/3 4/3 3 a/b; do
  if "$gotrap" --no-cache --exit-zero --shard "$bad" ./... >/dev/null 2>&1; then fail "--shard $bad accepted"; fi
done
echo "shard-test: ok"
