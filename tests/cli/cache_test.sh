#!/usr/bin/env bash
# The result cache is never wrong: after each change (a file of a package, a package it imports,
# the configuration, the Go version, a flag) the cached run reports exactly what a --no-cache run
# reports, and each change does change the findings (so a stale replay would be caught). Two
# runs at once on one cache directory both report the right findings and leave it usable.
# Usage: cache_test.sh GOTRAP
set -euo pipefail
gotrap="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache="$work/cache"
mod="$work/mod"
mkdir -p "$mod/a" "$mod/b"
cd "$mod"
fail() { echo "cache-test: $*" >&2; exit 1; }

printf 'module example.com/dep\n\ngo 1.21\n' >go.mod
cat >b/b.go <<'GO'
package b

import "sync"

type T struct {
	WG sync.WaitGroup
}
GO
cat >a/a.go <<'GO'
package a

import (
	"fmt"

	"example.com/dep/b"
)

func Use(t *b.T) { fmt.Println(t) }

func Copy(p *b.T) b.T { return *p }

func Loop(xs []int) {
	for _, x := range xs {
		go func() { fmt.Println(x) }()
	}
}
GO

previous=""
step=0
# check NAME [FLAGS...]: cached run (twice: cold or partly warm, then warm) == --no-cache run,
# and different from the previous step's findings.
check() {
  local name="$1"; shift
  step=$((step + 1))
  "$gotrap" --no-cache --exit-zero "$@" ./... >"$work/plain.$step" 2>&1
  "$gotrap" --cache-dir "$cache" --exit-zero "$@" ./... >"$work/cached.$step" 2>&1
  "$gotrap" --cache-dir "$cache" --exit-zero --stats "$@" ./... >"$work/warm.$step" 2>"$work/stats.$step"
  cmp -s "$work/plain.$step" "$work/cached.$step" || { diff "$work/plain.$step" "$work/cached.$step" >&2; fail "$name: cached run differs"; }
  cmp -s "$work/plain.$step" "$work/warm.$step" || { diff "$work/plain.$step" "$work/warm.$step" >&2; fail "$name: warm run differs"; }
  grep -q '2 package(s) from the cache' "$work/stats.$step" || { cat "$work/stats.$step" >&2; fail "$name: warm run did not use the cache"; }
  if [[ -n "$previous" ]] && cmp -s "$previous" "$work/plain.$step"; then
    fail "$name: the change did not change the findings (the step proves nothing)"
  fi
  previous="$work/plain.$step"
  echo "cache-test: $name: $(grep -c '\[' "$work/plain.$step" || true) finding(s), cached == uncached"
}

check "initial"
# A file of the package: a second copy of the value.
printf '\nfunc Again(p *b.T) b.T { return *p }\n' >>a/a.go
check "edit a file"
# The imported package: T no longer holds a WaitGroup, so a's copies are fine (a's files unchanged).
printf 'package b\n\ntype T struct {\n\tN int\n}\n' >b/b.go
check "edit a dependency"
# Back to a WaitGroup, through the other file of b.
printf 'package b\n\nimport "sync"\n\ntype T struct {\n\tWG sync.WaitGroup\n}\n' >b/b.go
check "restore the dependency"
# The configuration: a rule off for the directory.
printf 'disable = ["wg-copy"]\n' >a/gotrap.toml
check "configuration"
rm a/gotrap.toml
check "configuration removed"
# The Go version: from 1.22 loop variables are per iteration, and loop-capture is quiet.
printf 'module example.com/dep\n\ngo 1.22\n' >go.mod
check "go.mod go version"
check "--go 1.21 flag" --go 1.21

# The stat index: a file whose stat (size, mtime, ctime, inode) is unchanged is not read again.
# An edit that keeps the size, the inode and puts the mtime back is still seen (ctime changes),
# and so is one made right after a run (a file changed within the racy window is never trusted).
stats_of() { "$gotrap" --cache-dir "$cache" --exit-zero --stats ./... 2>&1 >"$work/idx.out" | tail -1; }
same_size_edit() {  # FROM TO: rewrites a/a.go in place (same inode), same size, old mtime
  cp -p a/a.go "$work/a.go.ref"
  local text before
  before="$(stat -c '%s %.9Y %i' a/a.go)"
  text="$(cat a/a.go)"
  text="${text//"$1"/"$2"}"
  printf '%s\n' "$text" >a/a.go
  touch -m -r "$work/a.go.ref" a/a.go
  [[ "$(stat -c '%s %.9Y %i' a/a.go)" == "$before" ]] || fail "same-size edit changed size, mtime or inode"
  cmp -s a/a.go "$work/a.go.ref" && fail "same-size edit changed nothing"
  return 0
}
index_check() {  # NAME: cached run == --no-cache run, and the findings changed
  local name="$1"
  step=$((step + 1))
  "$gotrap" --no-cache --exit-zero ./... >"$work/plain.$step" 2>&1
  "$gotrap" --cache-dir "$cache" --exit-zero ./... >"$work/cached.$step" 2>&1
  cmp -s "$work/plain.$step" "$work/cached.$step" || { diff "$work/plain.$step" "$work/cached.$step" >&2; fail "$name: cached run differs"; }
  if cmp -s "$previous" "$work/plain.$step"; then fail "$name: the change did not change the findings"; fi
  previous="$work/plain.$step"
  echo "cache-test: $name: $(grep -c '\[' "$work/plain.$step" || true) finding(s), cached == uncached"
}
snapshot() {  # the findings now, which the next index_check must differ from
  "$gotrap" --no-cache --exit-zero ./... >"$work/snapshot.$step" 2>&1
  previous="$work/snapshot.$step"
}
sleep 2.2  # every file is now older than the racy window
stats_of >/dev/null
line="$(stats_of)"
# a.go is read all the same: its findings are placed in its text.
[[ "$line" == *"2 file(s) known unchanged, 1 of them read"* ]] || fail "the stat index was not used: $line"
snapshot
same_size_edit 'func Copy(p *b.T) b.T { return *p }' 'func Copy(p *b.T) int { return 00 }'
index_check "same-size edit, mtime put back"
line="$(stats_of)"
[[ "$line" == *"2 package(s) from the cache; 1 file(s) known unchanged"* ]] || fail "after the edit: $line"
# Racy: a same-size edit (mtime put back) right after the run that first saw the file.
printf '\nfunc Racy(p *b.T) b.T { return *p }\n' >>a/a.go
index_check "edit"
snapshot
same_size_edit 'func Racy(p *b.T) b.T { return *p }' 'func Racy(p *b.T) int { return 00 }'
index_check "same-size edit within the racy window"
# Only what a finding or a suppression needs is read: a suppression in a file known unchanged
# still silences its finding, and a malformed one in a file without findings is still reported.
snapshot
printf '\n// A copy, on purpose.\nfunc Kept(p *b.T) b.T { return *p } //gotrap:ignore wg-copy -- test\n' >>a/a.go
printf '\n//gotrap:ignore\nvar V = 1\n' >>b/b.go
sleep 2.2
index_check "suppressions in files known unchanged"
grep -q 'Kept' "$work/plain.$step" && fail "the suppression did not silence its finding"
grep -q 'bad-suppression' "$work/plain.$step" || fail "the malformed suppression was not reported"
stats_of >/dev/null
line="$(stats_of)"
cmp -s "$work/plain.$step" "$work/idx.out" || fail "warm run with suppressions differs"
[[ "$line" == *"2 file(s) known unchanged, 2 of them read"* ]] || fail "suppression files: $line"

# Two runs at once on a fresh cache directory, then a warm run: all three match --no-cache.
rm -rf "$cache"
printf '\nfunc Third(p *b.T) b.T { return *p }\n' >>a/a.go
"$gotrap" --no-cache --exit-zero ./... >"$work/plain.c"
for i in 1 2 3 4; do
  "$gotrap" --cache-dir "$cache" --exit-zero ./... >"$work/conc.1.$i" &
  p1=$!
  "$gotrap" --cache-dir "$cache" --exit-zero ./... >"$work/conc.2.$i" &
  p2=$!
  wait "$p1"; wait "$p2"
  cmp -s "$work/plain.c" "$work/conc.1.$i" || fail "concurrent run 1 differs (round $i)"
  cmp -s "$work/plain.c" "$work/conc.2.$i" || fail "concurrent run 2 differs (round $i)"
done
"$gotrap" --cache-dir "$cache" --exit-zero --stats ./... >"$work/conc.warm" 2>"$work/conc.stats"
cmp -s "$work/plain.c" "$work/conc.warm" || fail "warm run after concurrent runs differs"
grep -q '2 package(s) from the cache' "$work/conc.stats" || fail "concurrent runs left no usable entries"
if find "$cache" -name '*.tmp.*' | grep -q .; then fail "temporary files left in the cache"; fi

# A damaged entry reads as a miss, never as findings.
for f in $(find "$cache" -type f); do printf 'garbage' >"$f"; done
"$gotrap" --cache-dir "$cache" --exit-zero ./... >"$work/damaged"
cmp -s "$work/plain.c" "$work/damaged" || fail "damaged cache entries changed the findings"

# Early cutoff: an importer's key covers what it can observe of its imports (their tokens, not
# their comments, layout or positions), so an edit of a dependency that changes none of that
# re-checks the dependency alone and replays the importer, while an edit that changes what the
# importer's rules read of it (here the summary of a callee: whether it calls the cancel function
# it is handed) re-checks the importer, whose findings then change exactly as without the cache.
cut="$work/cut"
cutcache="$work/cutcache"
mkdir -p "$cut/a" "$cut/b"
cd "$cut"
printf 'module example.com/cut\n\ngo 1.22\n' >go.mod
cat >b/b.go <<'GO'
package b

import "context"

// Release ends the work.
func Release(cancel context.CancelFunc) {
	cancel()
}
GO
cat >a/a.go <<'GO'
package a

import (
	"context"

	"example.com/cut/b"
)

func Run(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	b.Release(cancel)
	return ctx
}
GO
# cut_run NAME CHECKED CACHED: a cached run reports what --no-cache reports, having checked
# CHECKED packages and replayed CACHED from the cache.
cut_run() {
  local name="$1" checked="$2" cached="$3"
  step=$((step + 1))
  "$gotrap" --no-cache --exit-zero ./... >"$work/cutplain.$step" 2>&1
  "$gotrap" --cache-dir "$cutcache" --exit-zero --stats ./... >"$work/cutcached.$step" 2>"$work/cutstats.$step"
  cmp -s "$work/cutplain.$step" "$work/cutcached.$step" || { diff "$work/cutplain.$step" "$work/cutcached.$step" >&2; fail "$name: cached run differs"; }
  grep -q "; $cached package(s) from the cache;" "$work/cutstats.$step" || { cat "$work/cutstats.$step" >&2; fail "$name: expected $cached package(s) from the cache"; }
  grep -q "; $checked package(s) checked," "$work/cutstats.$step" || { cat "$work/cutstats.$step" >&2; fail "$name: expected $checked package(s) checked"; }
  echo "cache-test: $name: $(grep -c '\[' "$work/cutplain.$step" || true) finding(s), $checked checked, $cached from the cache, cached == uncached"
}
cut_run "cutoff: cold" 2 0
cut_run "cutoff: warm" 0 2
grep -q 'lost-cancel' "$work/cutplain.$step" && fail "cutoff: the callee calls cancel, yet lost-cancel reports"
quiet="$work/cutplain.$step"
# A body edit that moves every position in the callee's body and adds comments: a is replayed.
cat >b/b.go <<'GO'
package b

import "context"

// Release ends the work: it calls the cancel function it is handed,
// before it returns.
func Release(cancel context.CancelFunc) {

	// The context's resources go now.
	cancel() // not deferred: nothing follows
}
GO
cut_run "cutoff: comment and layout edit in the callee's body" 1 1
cmp -s "$quiet" "$work/cutplain.$step" || fail "cutoff: a comment edit changed the findings"
# A directive comment counts (the go command reads it): a is checked again.
sed -i 's|^func Release|//go:noinline\nfunc Release|' b/b.go
cut_run "cutoff: directive comment" 2 0
# The callee no longer calls cancel: its summary changes and a's lost-cancel finding appears.
sed -i 's|^\tcancel() // not deferred: nothing follows$|\t_ = cancel|' b/b.go
grep -q '_ = cancel' b/b.go || fail "cutoff: the edit of the callee did not apply"
cut_run "cutoff: the callee's summary changes" 2 0
grep -q 'lost-cancel' "$work/cutplain.$step" || fail "cutoff: lost-cancel should report once the callee ignores cancel"
# Layout alone again, with the finding present: a is replayed and still reports it.
sed -i 's|^\t_ = cancel$|\t_ =  cancel // kept|' b/b.go
cut_run "cutoff: layout edit with the finding present" 1 1
grep -q 'lost-cancel' "$work/cutplain.$step" || fail "cutoff: the replayed finding is missing"
# And back: the callee calls cancel again, the finding goes. b's tokens are those it had at the
# directive step, so a's entry of that step answers (b, whose text is new, is checked).
sed -i 's|^\t_ =  cancel // kept$|\tcancel()|' b/b.go
cut_run "cutoff: the callee calls cancel again" 1 1
cmp -s "$quiet" "$work/cutplain.$step" || fail "cutoff: the findings did not come back to the first ones"
cd "$mod"

# --diff and --fix bypass the cache: they neither read nor write it.
rm -rf "$cache"
"$gotrap" --cache-dir "$cache" --diff ./... >/dev/null 2>&1 || true
[[ ! -e "$cache" ]] || fail "--diff wrote to the cache"
echo "cache-test: ok"
