#!/usr/bin/env bash
# Dependencies read from source when it is at hand (load::load_dependencies): a rule's finding
# that depends on what a dependency's function does changes when its source appears, from
# vendor/ and from a module cache (GOMODCACHE), and the dependencies are never reported on nor
# counted as checked. A changed dependency is never answered from the result cache.
# Usage: deps_test.sh GOTRAP
set -euo pipefail
gotrap="$(realpath "$1")"
work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
fail() { echo "deps-test: $*" >&2; exit 1; }
export GOFLAGS=  # the vendor decision must be go.mod's, whatever the environment says
export GOWORK=off

# run DIR OUT [FLAGS...]: findings of ./... in DIR, with the stats line in OUT.stats.
run() {
  local dir="$1" out="$2"; shift 2
  (cd "$dir" && "$gotrap" --no-cache --exit-zero --stats "$@" ./... >"$out" 2>"$out.stats")
}
has() { grep -q -- "$2" "$1" || { cat "$1" >&2; fail "$3"; }; }
lacks() { if grep -q -- "$2" "$1"; then cat "$1" >&2; fail "$3"; fi; }

# --- 1. vendor/: nil-ctx needs the callee's signature (a context parameter) and its summary
# (whether it ever uses the context). The dependency hands the context to a package of its own
# module, so the second import level decides one of the calls.
v="$work/vendored"
mkdir -p "$v/app" "$v/vendor/example.com/dep/inner"
printf 'module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n' >"$v/go.mod"
cat >"$v/vendor/modules.txt" <<'TXT'
# example.com/dep v1.0.0
## explicit; go 1.21
example.com/dep
example.com/dep/inner
TXT
cat >"$v/vendor/example.com/dep/dep.go" <<'GO'
package dep

import (
	"context"

	"example.com/dep/inner"
)

// Fetch waits for its context: nil there panics.
func Fetch(ctx context.Context, key string) string {
	<-ctx.Done()
	return key
}

// Label only hands its context to a function that never uses it.
func Label(ctx context.Context, key string) string {
	return inner.Ignore(ctx, key)
}
GO
cat >"$v/vendor/example.com/dep/inner/inner.go" <<'GO'
package inner

import "context"

func Ignore(_ context.Context, key string) string { return "[" + key + "]" }
GO
cat >"$v/app/app.go" <<'GO'
package app

import "example.com/dep"

func Get() string { return dep.Fetch(nil, "a") }

func Name() string { return dep.Label(nil, "b") }
GO

run "$v" "$work/v.out"
has "$work/v.out" 'app/app.go:5:.*nil-ctx' "vendored: nil passed to a dependency that uses its context is not reported"
lacks "$work/v.out" 'app/app.go:7:' "vendored: nil passed to a dependency that never uses its context is reported"
lacks "$work/v.out" 'vendor/' "vendored: a dependency is reported on"
has "$work/v.out.stats" ' 1 package(s) checked, 3 analysed' "vendored: dependencies counted as checked or not analysed"
# One import level: inner is unknown, so Label may use its context.
run "$v" "$work/v1.out" --deps 1
has "$work/v1.out" 'app/app.go:7:.*nil-ctx' "--deps 1: a call into a package two imports away is still judged from its body"
# No dependencies read: the callee's signature is unknown, nothing is reported, nothing fails.
run "$v" "$work/v0.out" --deps 0
lacks "$work/v0.out" 'nil-ctx' "--deps 0: the dependency was read"
mv "$v/vendor" "$v/vendor.off"
run "$v" "$work/vnone.out"
lacks "$work/vnone.out" 'nil-ctx\|load-error' "without vendor/: a finding or an error about the missing source"
mv "$v/vendor.off" "$v/vendor"
# go 1.13: the go command would not use vendor/ (and the module cache below has nothing).
sed -i 's/^go 1.21$/go 1.13/' "$v/go.mod"
GOMODCACHE="$work/empty-cache" run "$v" "$work/v113.out"
lacks "$work/v113.out" 'nil-ctx' "go 1.13: vendor/ was used"
sed -i 's/^go 1.13$/go 1.21/' "$v/go.mod"

# --- 2. the module cache: append-alias reports a callee that writes the elements of the slice
# appended to, which only the dependency's body says. The path has capitals (escaped in the
# cache), and a second dependency is replaced by a directory of the repository.
m="$work/cached"
cache="$work/gomod"
mkdir -p "$m/app" "$m/local/other" "$cache/github.com/!acme/dep@v1.2.0"
cat >"$m/go.mod" <<'MOD'
module example.com/main

go 1.22

require (
	github.com/Acme/dep v1.2.0 // indirect
	example.com/other v0.3.0
)

replace example.com/other => ./local/other
MOD
d="$cache/github.com/!acme/dep@v1.2.0"
printf 'module github.com/Acme/dep\n\ngo 1.20\n' >"$d/go.mod"
cat >"$d/dep.go" <<'GO'
package dep

import "strings"

// Normalize lowers the parts in place.
func Normalize(parts []string) {
	for i := range parts {
		parts[i] = strings.ToLower(parts[i])
	}
}
GO
printf 'module example.com/other\n\ngo 1.22\n' >"$m/local/other/go.mod"
cat >"$m/local/other/other.go" <<'GO'
package other

// Sort orders the parts in place.
func Sort(parts []string) {
	for i := 1; i < len(parts); i++ {
		for j := i; j > 0 && parts[j] < parts[j-1]; j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
}

// Count only reads the parts.
func Count(parts []string) int { return len(parts) }
GO
cat >"$m/app/app.go" <<'GO'
package app

import (
	"strings"

	"example.com/other"
	"github.com/Acme/dep"
)

func Lowered(prefix []string, last string) string {
	dep.Normalize(append(prefix, last))
	return strings.Join(prefix, ".")
}

func Sorted(prefix []string, last string) string {
	other.Sort(append(prefix, last))
	return strings.Join(prefix, ".")
}

func Counted(prefix []string, last string) (int, string) {
	n := other.Count(append(prefix, last))
	return n, strings.Join(prefix, ".")
}
GO

GOMODCACHE="$cache" run "$m" "$work/m.out"
has "$work/m.out" 'app/app.go:11:.*Normalize can write elements' "module cache: a dependency writing the appended slice is not reported"
has "$work/m.out" 'app/app.go:16:.*Sort can write elements' "replaced by a directory: a dependency writing the appended slice is not reported"
lacks "$work/m.out" 'app/app.go:21:' "a dependency that only reads the slice is reported"
lacks "$work/m.out" 'gomod/\|local/other' "module cache: a dependency is reported on"
has "$work/m.out.stats" ' 1 package(s) checked, 3 analysed' "module cache: dependencies counted as checked or not analysed"
GOMODCACHE="$work/empty-cache" run "$m" "$work/mnone.out"
lacks "$work/mnone.out" 'app/app.go:11:\|load-error' "empty module cache: a finding or an error about the missing source"
has "$work/mnone.out" 'app/app.go:16:' "empty module cache: the directory replacement is not read"
# GOPATH's pkg/mod is the cache when GOMODCACHE is not set.
mkdir -p "$work/gopath/pkg"
ln -s "$cache" "$work/gopath/pkg/mod"
(unset GOMODCACHE; GOPATH="$work/gopath" run "$m" "$work/mgopath.out")
has "$work/mgopath.out" 'app/app.go:11:' "GOPATH/pkg/mod is not taken for the module cache"

# --- 3. the result cache: a changed dependency is not answered with the findings of its old body.
rc="$work/rcache"
cached_run() { (cd "$m" && GOMODCACHE="$cache" "$gotrap" --cache-dir "$rc" --exit-zero ./... >"$1" 2>&1); }
cached_run "$work/c1.out"
cmp -s "$work/c1.out" "$work/m.out" || { diff "$work/m.out" "$work/c1.out" >&2; fail "cached run differs"; }
cat >"$d/dep.go" <<'GO'
package dep

// Normalize counts the parts.
func Normalize(parts []string) int { return len(parts) }
GO
cached_run "$work/c2.out"
GOMODCACHE="$cache" run "$m" "$work/m2.out"
cmp -s "$work/c2.out" "$work/m2.out" || { diff "$work/m2.out" "$work/c2.out" >&2; fail "cached run after a dependency changed differs"; }
lacks "$work/c2.out" 'app/app.go:11:' "a changed dependency replayed a stale finding"
rm -rf "$cache/github.com"
cached_run "$work/c3.out"
lacks "$work/c3.out" 'app/app.go:11:' "a removed dependency replayed a stale finding"
echo "deps-test: ok"
