#!/usr/bin/env bash
# End-to-end checks of the gotrap command line: exit statuses, formats, --diff, --fix,
# suppression comments and bad input. Usage: cli_test.sh PATH_TO_GOTRAP
set -uo pipefail
gotrap="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_status WANT CMD...: runs CMD (stdout -> $work/out, stderr -> $work/err).
expect_status() {
  local want="$1"; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [[ "$got" == "$want" ]] || fail "exit $got (want $want): $*"$'\n'"$(cat "$work/err")"
}
expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks '$2':"$'\n'"$(cat "$1")"
}

# Usage errors exit 2, help exits 0.
expect_status 2 "$gotrap"
expect_status 0 "$gotrap" --help
expect_in "$work/out" "--format"
expect_status 2 "$gotrap" --format xml .
expect_status 2 "$gotrap" --no-such-flag .
expect_status 2 "$gotrap" --go banana .
expect_status 2 "$gotrap" --enable no-such-rule .
expect_status 2 "$gotrap" --explain no-such-rule
expect_status 2 "$gotrap" "$work/does-not-exist/..."
# When every file is refused, the reason is printed, not only "no Go packages".
mkdir -p "$work/refused"
printf 'package p\n\x00\n' >"$work/refused/bin.go"
expect_status 2 "$gotrap" "$work/refused"
expect_in "$work/err" "bin.go: binary file"
expect_status 0 "$gotrap" --list-rules
expect_in "$work/out" "lost-cancel"
expect_status 0 "$gotrap" --explain lost-cancel
expect_in "$work/out" "lost-cancel"

# A module with one forgotten cancel.
mod="$work/mod"
mkdir -p "$mod"
printf 'module example.com/m\n\ngo 1.21\n' >"$mod/go.mod"
cat >"$mod/leak.go" <<'GO'
package m

import (
	"context"
	"time"
)

func Leak(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}
GO
cp "$mod/leak.go" "$work/leak.go.orig"
cd "$work"

expect_status 1 "$gotrap" ./mod/...
expect_in "$work/out" "mod/leak.go:9:2: "
expect_in "$work/out" "[lost-cancel]"
expect_status 1 "$gotrap" --format json ./mod/...
expect_in "$work/out" '"rule": "lost-cancel"'
expect_in "$work/out" '"line": 9'
expect_status 1 "$gotrap" --format sarif ./mod/...
expect_in "$work/out" '"version": "2.1.0"'
expect_status 1 "$gotrap" --format github ./mod/...
expect_in "$work/out" "::warning file=mod/leak.go,line=9,col=2"
expect_status 0 "$gotrap" --disable lost-cancel ./mod/...

# --diff shows the fix and changes nothing.
expect_status 1 "$gotrap" --diff ./mod/...
expect_in "$work/out" "--- a/mod/leak.go"
expect_in "$work/out" "+	defer cancel()"
cmp -s "$mod/leak.go" "$work/leak.go.orig" || fail "--diff modified the file"

# --fix writes it; the fixed module is clean.
expect_status 0 "$gotrap" --fix ./mod/...
expect_in "$mod/leak.go" "defer cancel()"
expect_status 0 "$gotrap" ./mod/...

# Suppression comment on the line above.
cp "$work/leak.go.orig" "$mod/leak.go"
sed -i 's|^\tctx, _ := |\t//gotrap:ignore lost-cancel\n\tctx, _ := |' "$mod/leak.go"
expect_status 0 "$gotrap" ./mod/...

# --fix keeps files as files: a symlinked .go file stays a link and its target gets the fix; a
# read-only file is refused with a message and left alone.
links="$work/links"
mkdir -p "$links/real"
printf 'module example.com/links\n\ngo 1.21\n' >"$links/go.mod"
sed 's/^package m/package links/' "$work/leak.go.orig" >"$links/real/leak.txt"
ln -s real/leak.txt "$links/leak.go"
sed 's/^package m/package links/; s/func Leak/func LeakRO/' "$work/leak.go.orig" >"$links/ro.go"
chmod 444 "$links/ro.go"
cp "$links/ro.go" "$work/ro.go.orig"
expect_status 1 "$gotrap" --fix ./links/...
[[ -L "$links/leak.go" ]] || fail "--fix replaced the symlink leak.go by a regular file"
expect_in "$links/real/leak.txt" "defer cancel()"
expect_in "$work/err" "ro.go: file is read-only; fixes not applied"
cmp -s "$links/ro.go" "$work/ro.go.orig" || fail "--fix rewrote the read-only ro.go"
[[ "$(stat -c %a "$links/ro.go")" == 444 ]] || fail "--fix changed the mode of ro.go"

# Bad input: syntax errors and binary files are findings of their own (severity error), in every
# format, and fail the run even when no rule fires; the run goes on past them.
bad="$work/bad"
mkdir -p "$bad"
printf 'module example.com/bad\n\ngo 1.21\n' >"$bad/go.mod"
mkdir -p "$bad/broken" "$bad/binary"
printf 'package broken\n\nfunc f( {\n' >"$bad/broken/broken.go"
printf '\x00\x01\xff\xfe garbage' >"$bad/binary/bin.go"
cp "$work/leak.go.orig" "$bad/leak.go"
sed -i 's/^package m/package bad/' "$bad/leak.go"
expect_status 1 "$gotrap" ./bad/...
expect_in "$work/out" "bad/broken/broken.go:3:"
expect_in "$work/out" "[syntax-error]"
expect_in "$work/out" "bad/binary/bin.go"
expect_in "$work/out" "bad/leak.go:9:2:"
rm "$bad/leak.go"
expect_status 1 "$gotrap" ./bad/broken/...
expect_in "$work/out" "[syntax-error]"
expect_status 0 "$gotrap" --exit-zero ./bad/broken/...
expect_in "$work/out" "[syntax-error]"
expect_status 1 "$gotrap" --format json ./bad/broken/...
[[ "$(jq -r '.findings[0].rule + " " + .findings[0].severity' "$work/out")" == "syntax-error error" ]] ||
  fail "json: syntax error not reported as a finding: $(cat "$work/out")"
expect_status 1 "$gotrap" --format sarif ./bad/broken/...
[[ "$(jq -r '.runs[0].results[0].ruleId' "$work/out")" == "syntax-error" ]] || fail "sarif: no syntax-error result"
[[ "$(jq -r '[.runs[0].tool.driver.rules[].id] | index("syntax-error") != null' "$work/out")" == true ]] ||
  fail "sarif: syntax-error not described among the rules"
expect_status 1 "$gotrap" --format github ./bad/broken/...
expect_in "$work/out" "::error file="
# A suppression comment does not hide code gotrap could not read.
printf 'package broken\n\n//gotrap:ignore all\nfunc f( {\n' >"$bad/broken/broken.go"
expect_status 1 "$gotrap" ./bad/broken/...

# Suppressions stay honest: a typo is reported, an unused one on request, a good one silences.
cp "$work/leak.go.orig" "$mod/leak.go"
sed -i 's|^\tctx, _ := \(.*\)$|\tctx, _ := \1 //gotrap:ignore lost-cancle -- typo|' "$mod/leak.go"
expect_status 1 "$gotrap" ./mod/...
expect_in "$work/out" "[bad-suppression]"
expect_in "$work/out" "did you mean lost-cancel?"
expect_in "$work/out" "[lost-cancel]"
cp "$work/leak.go.orig" "$mod/leak.go"
printf '\n//gotrap:ignore defer-in-loop -- nothing here loops\nvar _ = 0\n' >>"$mod/leak.go"
sed -i 's|^\tctx, _ := \(.*\)$|\tctx, _ := \1 //gotrap:ignore lost-cancel -- the caller owns it|' "$mod/leak.go"
expect_status 0 "$gotrap" ./mod/...
expect_status 1 "$gotrap" --report-unused-suppressions ./mod/...
expect_in "$work/out" "[unused-suppression]"
expect_in "$work/out" "suppression of defer-in-loop silenced no finding"
# Only rules that ran can be judged unused.
expect_status 0 "$gotrap" --report-unused-suppressions --disable defer-in-loop ./mod/...
cp "$work/leak.go.orig" "$mod/leak.go"

# Configuration: gotrap.toml files walking up, nearer ones winning; errors stop the run (exit 2).
cfg="$work/cfg"
mkdir -p "$cfg/svc/gen" "$cfg/tools"
printf 'module example.com/cfg\n\ngo 1.21\n' >"$cfg/go.mod"
for dir in svc svc/gen tools; do
  sed "s/^package m/package $(basename "$dir")/" "$work/leak.go.orig" >"$cfg/$dir/leak.go"
done
sed "s/^package m/package tools/" "$work/leak.go.orig" >"$cfg/tools/leak_test.go"
printf 'disable = ["lost-cancel"]\ntests = false\n' >"$cfg/gotrap.toml"
printf 'enable = ["lost-cancel"]\nexclude = ["gen/**"]\n[severity]\nlost-cancel = "error"\n' >"$cfg/svc/gotrap.toml"
expect_status 1 "$gotrap" --format json ./cfg/...
[[ "$(jq -c '[.findings[] | [.path, .severity]]' "$work/out")" == '[["cfg/svc/leak.go","error"]]' ]] ||
  fail "config: want only svc/leak.go as error: $(cat "$work/out")"
expect_status 1 "$gotrap" --no-config ./cfg/...
[[ "$(grep -c '\[lost-cancel\]' "$work/out")" == 4 ]] || fail "--no-config: $(cat "$work/out")"
expect_status 0 "$gotrap" --config "$cfg/gotrap.toml" ./cfg/...
expect_status 1 "$gotrap" --disable all --enable lost-cancel ./cfg/tools/...  # the command line wins
expect_status 1 "$gotrap" --no-config ./cfg/tools/...
[[ "$(grep -c '\[lost-cancel\]' "$work/out")" == 2 ]] || fail "tools with tests: $(cat "$work/out")"
expect_status 1 "$gotrap" --tests=false --no-config ./cfg/tools/...
[[ "$(grep -c '\[lost-cancel\]' "$work/out")" == 1 ]] || fail "--tests=false: $(cat "$work/out")"
expect_status 2 "$gotrap" --tests=maybe ./cfg/tools/...
expect_status 2 "$gotrap" --config "$work/none.toml" ./cfg/...
expect_status 0 "$gotrap" config "$cfg/svc"
expect_in "$work/out" "lost-cancel = \"error\""
expect_in "$work/out" "$cfg/svc/gotrap.toml"
printf 'enable = ["lost-cancle"]\nverbose = true\n' >"$cfg/tools/gotrap.toml"
expect_status 2 "$gotrap" ./cfg/...
expect_in "$work/err" "tools/gotrap.toml:1:"
expect_in "$work/err" "unknown rule \"lost-cancle\""
expect_in "$work/err" "tools/gotrap.toml:2:1: unknown key \"verbose\""
expect_status 2 "$gotrap" config "$cfg/tools"
rm "$cfg/tools/gotrap.toml"
# Build tags from the command line (or the working directory's gotrap.toml).
printf '//go:build special\n\n' | cat - "$cfg/svc/leak.go" | sed 's/^package svc/package svc/' >"$cfg/svc/special.go"
sed -i "s/^func Leak/func LeakSpecial/" "$cfg/svc/special.go"
expect_status 1 "$gotrap" --format json ./cfg/svc/...
[[ "$(jq '.findings | length' "$work/out")" == 1 ]] || fail "tags: special.go analysed without -tags"
expect_status 1 "$gotrap" --format json --tags special ./cfg/svc/...
[[ "$(jq '.findings | length' "$work/out")" == 2 ]] || fail "--tags special: $(cat "$work/out")"

# Adopting on old code: a baseline absorbs today's findings, survives edits elsewhere in the file,
# and lets a new finding through; --new-from-rev keeps findings on lines changed since a revision.
adopt="$work/adopt"
mkdir -p "$adopt"
printf 'module example.com/adopt\n\ngo 1.21\n' >"$adopt/go.mod"
sed 's/^package m/package adopt/' "$work/leak.go.orig" >"$adopt/leak.go"
cd "$adopt"
expect_status 0 "$gotrap" --write-baseline baseline.json ./...
expect_in "$work/err" "wrote 1 finding(s)"
jq -e '.findings[0] | .rule == "lost-cancel" and .function == "Leak" and .path == "leak.go"' baseline.json >/dev/null ||
  fail "baseline content: $(cat baseline.json)"
expect_status 0 "$gotrap" --baseline baseline.json ./...
# Lines added above shift the finding: still absorbed.
sed -i 's|^import (|// Package adopt.\n// More words.\nimport (|' leak.go
expect_status 0 "$gotrap" --baseline baseline.json ./...
# A second, new leak is reported; the old one stays absorbed.
cat >>leak.go <<'GO'

func Leak2(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}
GO
expect_status 1 "$gotrap" --baseline baseline.json ./...
[[ "$(grep -c '\[lost-cancel\]' "$work/out")" == 1 ]] || fail "baseline: want one finding: $(cat "$work/out")"
expect_in "$work/out" "leak.go:$(($(grep -n '^func Leak2' leak.go | cut -d: -f1) + 1)):2:"
# Fixing the old leak leaves a stale entry, reported on stderr.
sed -i '/^func Leak(/,/^}/d' leak.go
expect_status 1 "$gotrap" --baseline baseline.json ./...
expect_in "$work/err" "1 baseline entry no longer match"
expect_status 2 "$gotrap" --baseline "$work/no-such-baseline.json" ./...
printf '{"x": 1}' >"$work/not-a-baseline.json"
expect_status 2 "$gotrap" --baseline "$work/not-a-baseline.json" ./...
# --new-from-rev: outside a work tree it is an error; inside, only changed lines count.
expect_status 2 "$gotrap" --new-from-rev HEAD ./...
expect_in "$work/err" "git work tree"
if command -v git >/dev/null; then
  git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base
  expect_status 0 "$gotrap" --new-from-rev HEAD ./...
  cat >>leak.go <<'GO'

func Leak3(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}
GO
  expect_status 1 "$gotrap" --new-from-rev HEAD ./...
  [[ "$(grep -c '\[lost-cancel\]' "$work/out")" == 1 ]] || fail "--new-from-rev: $(cat "$work/out")"
  expect_in "$work/out" "leak.go:$(($(grep -n '^func Leak3' leak.go | cut -d: -f1) + 1)):2:"
  printf 'package adopt\n\nimport "context"\n\nfunc New(p context.Context) { _, _ = context.WithCancel(p) }\n' >new.go
  expect_status 1 "$gotrap" --new-from-rev HEAD ./...
  expect_in "$work/out" "new.go:5:"
  expect_status 2 "$gotrap" --new-from-rev no-such-rev ./...
  expect_in "$work/err" "unknown revision"
fi
cd "$work"

# Import-path patterns of the working directory's module, as go vet takes them.
cd "$mod"
expect_status 1 "$gotrap" example.com/m
expect_in "$work/out" "leak.go:9:2:"
expect_status 1 "$gotrap" example.com/m/...
expect_status 2 "$gotrap" example.com/m/nope
cd "$work"

# --stdin-filename: the editor's unsaved text, checked with the rest of its package; the file on
# disk is neither read for that path nor changed, and only that file's findings are reported.
cd "$mod"
printf 'package m\n\nfunc Fine() {}\n' >"$work/clean.go"
expect_status 0 "$gotrap" --stdin-filename leak.go <"$work/clean.go"
expect_status 1 "$gotrap" --stdin-filename leak.go - <"$work/leak.go.orig"
expect_in "$work/out" "leak.go:9:2:"
cp "$work/clean.go" "$work/clean.copy"
sed 's/func Leak/func LeakNew/' "$work/leak.go.orig" >"$work/new.go.txt"
expect_status 1 "$gotrap" --stdin-filename new.go <"$work/new.go.txt"  # a file not yet on disk
expect_in "$work/out" "new.go:9:2:"
[[ ! -e new.go ]] || fail "--stdin-filename wrote new.go"
expect_status 2 "$gotrap" --fix --stdin-filename leak.go <"$work/leak.go.orig"
expect_status 2 "$gotrap" - <"$work/leak.go.orig"
cmp -s leak.go "$work/leak.go.orig" || fail "--stdin-filename changed leak.go on disk"
cd "$work"

# A package whose files all import "C" is analysed (C's types unknown), not skipped.
mkdir -p "$work/cgo/c"
printf 'module example.com/cgo\n\ngo 1.21\n' >"$work/cgo/go.mod"
printf 'package c\n\n// #include <stdlib.h>\nimport "C"\nimport "context"\n\nfunc F(p context.Context) { _, _ = context.WithCancel(p) }\n' >"$work/cgo/c/c.go"
expect_status 1 "$gotrap" ./cgo/c
expect_in "$work/out" "c/c.go:7:29:"

# --version, -o FILE, unknown build targets.
expect_status 0 "$gotrap" --version
expect_in "$work/out" "gotrap "
expect_in "$work/out" "Go language up to go1."
expect_status 1 "$gotrap" -o "$work/report.txt" ./bad/broken/...
[[ ! -s "$work/out" ]] || fail "-o FILE also wrote to standard output"
expect_in "$work/report.txt" "[syntax-error]"
expect_status 1 "$gotrap" --output="$work/report.json" --format json ./bad/broken/...
jq -e '.findings | length == 1' "$work/report.json" >/dev/null || fail "--output json: $(cat "$work/report.json")"
expect_status 2 "$gotrap" -o "$work/no-such-dir/report.txt" ./bad/broken/...
expect_status 2 "$gotrap" --goos plan10 ./bad/...
expect_in "$work/err" "windows"
expect_status 2 "$gotrap" --goarch z80 ./bad/...
expect_in "$work/err" "arm64"
expect_status 1 "$gotrap" --goos windows --goarch arm64 ./bad/...

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
