#!/bin/sh
# Runs gotrap over examples/ and compares its findings, as "path:line rule",
# with expected-findings.txt: every planted trap found, nothing else reported.
# usage: check_findings.sh GOTRAP_BINARY
set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 GOTRAP_BINARY" >&2
	exit 2
fi
case $1 in
/*) gotrap=$1 ;;
*) gotrap=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/../../examples" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$examples" && "$gotrap" --format json ./...) >"$work/report.json" 2>"$work/stderr"
status=$?
if ! jq -e '.findings' "$work/report.json" >/dev/null 2>&1; then
	echo "gotrap exited with $status without a JSON report:" >&2
	cat "$work/stderr" >&2
	exit 1
fi
# Paths may come back absolute or prefixed with ./; compare them relative to examples/.
jq -r '.findings[] | "\(.path):\(.line) \(.rule)"' "$work/report.json" |
	sed -e "s#^$examples/##" -e 's#^\./##' | sort -u >"$work/actual"
grep -v '^#' "$here/expected-findings.txt" | grep . | sort -u >"$work/expected"

missing=$(comm -23 "$work/expected" "$work/actual")
extra=$(comm -13 "$work/expected" "$work/actual")
[ -n "$missing" ] && printf '%s\n' "$missing" | sed 's/^/missed trap: /' >&2
[ -n "$extra" ] && printf '%s\n' "$extra" | sed 's/^/unexpected finding: /' >&2
found=$(comm -12 "$work/expected" "$work/actual" | wc -l)
echo "examples: $found of $(wc -l <"$work/expected") traps found, $(printf '%s' "$extra" | grep -c .) unexpected findings (gotrap exit $status)"
[ -z "$missing" ] && [ -z "$extra" ]
