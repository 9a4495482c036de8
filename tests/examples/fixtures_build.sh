#!/bin/sh
# Every rule fixture module under src/rules/testdata builds with the machine's Go,
# and so does it after each X.go is replaced by its X.go.golden (goldens must also
# be gofmt-clean): fixtures and expected fixes are valid Go, not just text.
# usage: fixtures_build.sh [GO]
set -u
go=${1:-go}
gofmt=$(dirname "$(command -v "$go")")/gofmt
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(cd "$here/../../src/rules/testdata" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
modules=0
for mod in $(find "$testdata" -name go.mod | sort); do
	dir=$(dirname "$mod")
	rel=${dir#"$testdata"/}
	modules=$((modules + 1))
	if ! out=$(cd "$dir" && "$go" build ./... 2>&1); then
		echo "FAIL build $rel:" >&2
		echo "$out" >&2
		failures=$((failures + 1))
	fi
	goldens=$(find "$dir" -name '*.go.golden')
	[ -n "$goldens" ] || continue
	copy="$work/$rel"
	mkdir -p "$copy"
	cp -r "$dir"/. "$copy"/
	for g in $(find "$copy" -name '*.go.golden'); do
		mv "$g" "${g%.golden}"
	done
	# CRLF fixtures keep their line endings on purpose: gofmt judges the rest.
	find "$copy" -name '*.go' -exec sed -i 's/\r$//' {} +
	unformatted=$(cd "$copy" && "$gofmt" -l . 2>&1)
	if [ -n "$unformatted" ]; then
		echo "FAIL gofmt $rel goldens: $unformatted" >&2
		failures=$((failures + 1))
	fi
	if ! out=$(cd "$copy" && "$go" build ./... 2>&1); then
		echo "FAIL build $rel with goldens applied:" >&2
		echo "$out" >&2
		failures=$((failures + 1))
	fi
done
echo "rule fixtures: $modules modules built, $failures failures"
[ "$modules" -gt 0 ] && [ "$failures" -eq 0 ]
