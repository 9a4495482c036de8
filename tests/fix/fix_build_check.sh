#!/usr/bin/env bash
# Applies gotrap's fixes to copies of Go trees, then builds and vets what changed with the
# machine's Go: the fixes must add no build or vet error, and a second --fix must change nothing.
#
# usage: fix_build_check.sh GOTRAP GO MODE
#   MODE fixtures: every rule fixture module and examples/, safe fixes (gotrap --fix); CTest runs it.
#   MODE goroot:   a copy of $(go env GOROOT)/src, with --go 1.21 --unsafe-fixes; the changed
#                  files are laid over the real tree with `go build/vet -overlay` (bench/fix/goroot.sh).
# Offline: GOPROXY=off, GOFLAGS=-mod=mod; the copies go to $FIXCHECK_DIR (default: a temp dir).
set -uo pipefail
# Everything runs from main, read whole before it starts: editing this file during a run cannot
# change what the run does.
main() {
gotrap=$(realpath "$1")
go=$2
mode=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
export GOMODCACHE=${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}
work=${FIXCHECK_DIR:-$(mktemp -d)}
[ -n "${FIXCHECK_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
failures=0
total_fixed=0

# Build and vet errors without line:column (fixes move lines), one per line, sorted.
normalize() { sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/; s/line [0-9]+/line N/g' | grep -v '^#' | sort; }

fixed_count() { sed -n 's/^gotrap: fixed \([0-9]*\) finding.*/\1/p' "$1" | tail -1; }

# check_tree NAME DIR GOTRAP-FLAGS... : DIR is a copy that gotrap may change.
check_tree() {
	local name=$1 dir=$2
	shift 2
	(cd "$dir" && "$go" build ./... 2>&1 | normalize) > "$work/$name.build.before"
	(cd "$dir" && "$go" vet ./... 2>&1 | normalize) > "$work/$name.vet.before"
	cp -r "$dir" "$work/$name.unfixed"
	(cd "$dir" && "$gotrap" "$@" ./... > /dev/null 2> "$work/$name.fix1")
	local n
	n=$(fixed_count "$work/$name.fix1")
	n=${n:-0}
	total_fixed=$((total_fixed + n))
	(cd "$dir" && "$go" build ./... 2>&1 | normalize) > "$work/$name.build.after"
	(cd "$dir" && "$go" vet ./... 2>&1 | normalize) > "$work/$name.vet.after"
	for what in build vet; do
		new=$(comm -13 "$work/$name.$what.before" "$work/$name.$what.after")
		if [ -n "$new" ]; then
			echo "FAIL $name: $what errors after fixing:" >&2
			echo "$new" >&2
			diff -ru "$work/$name.unfixed" "$dir" >&2
			failures=$((failures + 1))
		fi
	done
	cp -r "$dir" "$work/$name.fixed"
	(cd "$dir" && "$gotrap" "$@" ./... > /dev/null 2> "$work/$name.fix2")
	if ! diff -r "$work/$name.fixed" "$dir" > /dev/null; then
		echo "FAIL $name: a second --fix changed files:" >&2
		diff -ru "$work/$name.fixed" "$dir" >&2
		failures=$((failures + 1))
	fi
	grep -h "not applied" "$work/$name.fix1" "$work/$name.fix2" >&2
	echo "$name: $n fix(es) applied"
}

case $mode in
fixtures)
	i=0
	for mod in $(find "$root/src/rules/testdata" -name go.mod | sort) "$root/examples/go.mod"; do
		dir=$(dirname "$mod")
		i=$((i + 1))
		name=$(echo "${dir#"$root"/}" | tr '/' '_')
		cp -r "$dir" "$work/$name"
		check_tree "$name" "$work/$name" --fix
	done
	echo "fix-build-check: $i module(s), $total_fixed fix(es) applied, $failures failure(s)"
	;;
goroot)
	goroot=$("$go" env GOROOT)
	copy="$work/goroot-src"
	rm -rf "$copy" "$work/goroot-src.fixed"
	start=$(date +%s)
	cp -r "$goroot/src" "$copy"
	# Per rule: the findings that offer a fix before fixing.
	(cd "$copy" && "$gotrap" --go 1.21 --format json ./... > "$work/goroot.findings.json" 2> /dev/null)
	(cd "$copy" && "$gotrap" --go 1.21 --unsafe-fixes ./... > /dev/null 2> "$work/goroot.fix1")
	fixed=$(fixed_count "$work/goroot.fix1")
	grep -h "not applied" "$work/goroot.fix1" >&2
	changed=$(cd "$copy" && diff -rq "$goroot/src" . | awk '$1 == "Files" {print $2}' | sed "s|^$goroot/src/||")
	# The overlay lays each fixed file over the real tree: only the changed packages and what
	# builds them are compiled again.
	{
		echo '{"Replace": {'
		sep=""
		for f in $changed; do
			printf '%s"%s": "%s"' "$sep" "$goroot/src/$f" "$copy/$f"
			sep=$',\n'
		done
		echo '}}'
	} > "$work/overlay.json"
	pkgs=$(for f in $changed; do echo "./$(dirname "$f")"; done | sort -u)
	echo "GOROOT/src: $fixed fix(es) applied in $(echo "$changed" | grep -c .) file(s) of $(echo "$pkgs" | grep -c .) package(s)"
	python3 - "$work/goroot.findings.json" <<'PY' || true
import json, sys, collections
data = json.load(open(sys.argv[1]))
fixable = collections.Counter(); safe = collections.Counter()
for f in data.get("findings", []):
    if f.get("fixes"):
        fixable[f["rule"]] += 1
        safe[f["rule"]] += bool(f["fixes"][0].get("safe"))
for rule in sorted(fixable):
    print(f"  {rule}: {fixable[rule]} finding(s) with a fix ({safe[rule]} safe)")
PY
	for what in build vet; do
		(cd "$goroot/src" && "$go" $what $pkgs 2>&1 | normalize) > "$work/goroot.$what.before"
		(cd "$goroot/src" && "$go" $what -overlay "$work/overlay.json" $pkgs 2>&1 | normalize) > "$work/goroot.$what.after"
		new=$(comm -13 "$work/goroot.$what.before" "$work/goroot.$what.after")
		if [ -n "$new" ]; then
			echo "FAIL GOROOT: $what errors after fixing:" >&2
			echo "$new" >&2
			failures=$((failures + 1))
		fi
	done
	cp -r "$copy" "$work/goroot-src.fixed"
	(cd "$copy" && "$gotrap" --go 1.21 --unsafe-fixes ./... > /dev/null 2> "$work/goroot.fix2")
	if ! diff -rq "$work/goroot-src.fixed" "$copy" > /dev/null; then
		echo "FAIL GOROOT: a second --fix changed files:" >&2
		diff -rq "$work/goroot-src.fixed" "$copy" >&2
		failures=$((failures + 1))
	fi
	echo "fix-build-check goroot: $fixed fix(es), $failures failure(s), $(($(date +%s) - start)) s"
	;;
*)
	echo "usage: fix_build_check.sh GOTRAP GO fixtures|goroot" >&2
	exit 2
	;;
esac
[ "$failures" -eq 0 ]
}
main "$@"
