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

# Bad input: syntax errors and binary files are reported, the run goes on.
bad="$work/bad"
mkdir -p "$bad"
printf 'module example.com/bad\n\ngo 1.21\n' >"$bad/go.mod"
mkdir -p "$bad/broken" "$bad/binary"
printf 'package broken\n\nfunc f( {\n' >"$bad/broken/broken.go"
printf '\x00\x01\xff\xfe garbage' >"$bad/binary/bin.go"
cp "$work/leak.go.orig" "$bad/leak.go"
sed -i 's/^package m/package bad/' "$bad/leak.go"
expect_status 1 "$gotrap" ./bad/...
expect_in "$work/err" "bad/broken/broken.go:3:"
expect_in "$work/err" "bad/binary/bin.go"
expect_in "$work/out" "bad/leak.go:9:2:"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
