#!/usr/bin/env bash
# go vet -vettool=gotrap: the -V=full and -flags queries, then one run per package from go vet's
# configuration file; checked on the examples module with the machine's Go toolchain and an empty
# build cache (so every package is really run, not replayed from the cache).
# Usage: vettool_test.sh GOTRAP REPO_ROOT
set -uo pipefail
gotrap="$(realpath "$1")"
root="$(realpath "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
export GOCACHE="$work/gocache" GOTOOLCHAIN=local GOPROXY=off GOFLAGS=

# The queries go vet makes before any package.
"$gotrap" -V=full >"$work/v" || fail "-V=full exit $?"
grep -Eq "^$gotrap version devel gotrap-[0-9.]+ buildID=[0-9a-f]{16}$" "$work/v" || fail "-V=full: $(cat "$work/v")"
"$gotrap" -flags | jq -e 'map(.Name) | index("json") != null' >/dev/null || fail "-flags: $("$gotrap" -flags)"

# Standalone findings of the examples, as "relative/path.go:line:col".
(cd "$root/examples" && "$gotrap" ./... | grep -Eo '^[^ ]+\.go:[0-9]+:[0-9]+' | sort) >"$work/standalone"
[[ -s "$work/standalone" ]] || fail "standalone run found nothing in examples/"

# Through go vet: exit 1, and every standalone finding that does not depend on another package
# of the module appears, at the same position.
(cd "$root/examples" && go vet -vettool="$gotrap" ./... >"$work/vet.out" 2>"$work/vet.err")
status=$?
[[ $status == 1 ]] || fail "go vet exit $status (want 1):"$'\n'"$(cat "$work/vet.err")"
grep -Eo '^[^ ]+\.go:[0-9]+:[0-9]+' "$work/vet.err" | sed 's|^\./||' | sort >"$work/vet"
[[ -s "$work/vet" ]] || fail "go vet printed no gotrap finding:"$'\n'"$(cat "$work/vet.err")"
missing="$(comm -23 "$work/standalone" "$work/vet")"
extra="$(comm -13 "$work/standalone" "$work/vet")"
[[ -z "$extra" ]] || fail "findings only under go vet:"$'\n'"$extra"
echo "go vet -vettool: $(wc -l <"$work/vet") finding(s); standalone: $(wc -l <"$work/standalone")"
[[ -z "$missing" ]] || echo "only standalone (need another package's source): $missing"

# go vet -json: the JSON tree keyed by package and rule, exit 0.
(cd "$root/examples" && go vet -json -vettool="$gotrap" ./... >"$work/json.out" 2>"$work/json.err")
status=$?
[[ $status == 0 ]] || fail "go vet -json exit $status:"$'\n'"$(cat "$work/json.err")"
grep -q '"lost-cancel"' "$work/json.out" || fail "go vet -json: no lost-cancel entry:"$'\n'"$(head -20 "$work/json.out")"

# A package without findings: exit 0.
mkdir -p "$work/clean"
printf 'module example.com/clean\n\ngo 1.21\n' >"$work/clean/go.mod"
printf 'package clean\n\nfunc F() int { return 1 }\n' >"$work/clean/clean.go"
(cd "$work/clean" && go vet -vettool="$gotrap" ./... >"$work/clean.out" 2>&1) || fail "clean package: $(cat "$work/clean.out")"

if ((failures > 0)); then
  echo "$failures go vet check(s) failed"
  exit 1
fi
echo "all go vet -vettool checks passed"
