#!/usr/bin/env bash
# parse-conformance: gotrap's parser against go/parser on every .go file under $(go env GOROOT)/src,
# plus go/parser's own test inputs.
# Required: the same tree dump for every file go/parser accepts, and a rejection for every file it
# rejects. Known differences that are go/parser's fault are listed, with reasons, in
# parse_conformance_allow.txt (path relative to GOROOT/src, then the reason).
#
# usage: parse_conformance.sh GOTRAP_BINARY TOOLS_SOURCE_DIR WORK_DIR
set -euo pipefail

gotrap=$1
tools_dir=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"

goroot=$(go env GOROOT)
src="$goroot/src"
(cd "$tools_dir" && go build -o "$work/goastdump" ./goastdump)

# Every .go file, go/parser's own test inputs (.src error cases, .go2 generics), and the snippets
# of go/parser's short tests (valids and invalids), extracted fresh from the installed toolchain.
rm -rf "$work/snippets"
"$work/goastdump" -extract-snippets "$src/go/parser/short_test.go" -snippets-dir "$work/snippets" > "$work/snippets.txt"
{
  find "$src" -name '*.go'
  find "$src/go/parser/testdata" -name '*.src' -o -name '*.go2'
} | LC_ALL=C sort > "$work/files.txt"
cat "$work/snippets.txt" >> "$work/files.txt"

# Both sides at once (two cores); each prints "<hash> PATH" or "REJECT PATH" per file.
"$work/goastdump" -hash -files-from "$work/files.txt" > "$work/go.txt" 2> "$work/go.stderr" &
go_pid=$!
"$gotrap" ast --hash --files-from "$work/files.txt" > "$work/gotrap.txt" 2> "$work/gotrap.stderr" || true
wait "$go_pid" || true

allow="$here/parse_conformance_allow.txt"
expected=$(wc -l < "$work/files.txt")
LC_ALL=C awk -v src="$src/" -v allow="$allow" -v expected="$expected" '
  BEGIN {
    while ((getline line < allow) > 0) {
      if (line ~ /^#/ || line == "") continue
      split(line, f, /[ \t]+/)
      allowed[f[1]] = 1
    }
  }
  FNR == NR { want[$2] = $1; next }
  {
    path = $2; got = $1
    rel = index(path, src) == 1 ? substr(path, length(src) + 1) : path
    total++
    if (!(path in want)) { print "MISSING-IN-GO " rel; mismatch++; next }
    w = want[path]
    if (w == "REJECT" && got == "REJECT") { rejected++; next }
    if (w == "UNREADABLE" && got == "UNREADABLE") { unreadable++; next }
    if (w != "REJECT" && w == got) { identical++; next }
    if (rel in allowed) { allowlisted++; print "ALLOWED " rel; next }
    mismatch++
    kind = (w == "REJECT") ? "go rejects, gotrap accepts" : (got == "REJECT" ? "go accepts, gotrap rejects" : "different tree")
    print "MISMATCH " rel ": " kind
    print path > "'"$work/mismatches.txt"'"
  }
  END {
    printf "files compared: %d\nidentical: %d\nrejected by both: %d\nunreadable by both: %d\nallow-listed: %d\nmismatches: %d\n", total, identical, rejected, unreadable, allowlisted, mismatch
    if (total != expected || NR - FNR < expected) {
      printf "error: %d files listed, but gotrap answered for %d and go/parser for %d\n", expected, total, NR - total
      exit 1
    }
    exit mismatch > 0 ? 1 : 0
  }
' "$work/go.txt" "$work/gotrap.txt" && status=0 || status=$?

# Error messages, for information: on files both reject, does gotrap report go/parser's errors
# (same positions, same words)?
grep '^REJECT ' "$work/go.txt" | cut -d' ' -f2- | LC_ALL=C sort > "$work/go_rejects.txt"
grep '^REJECT ' "$work/gotrap.txt" | cut -d' ' -f2- | LC_ALL=C sort | LC_ALL=C comm -12 - "$work/go_rejects.txt" > "$work/both_reject.txt"
same=0; differ=0
while read -r f; do
  if cmp -s <("$work/goastdump" -errors "$f" 2>/dev/null) <("$gotrap" ast --check "$f" 2>/dev/null); then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    [[ $differ -le 3 ]] && echo "error list differs: ${f#"$src/"}"
  fi
done < "$work/both_reject.txt"
echo "rejected by both with go/parser's exact error list: $same of $((same + differ))"

# Show the first differences in full so a failure explains itself.
if [[ -s "$work/mismatches.txt" ]]; then
  head -n 5 "$work/mismatches.txt" | while read -r f; do
    echo "--- first differences for $f (go/parser < > gotrap)"
    diff <("$work/goastdump" "$f" 2>&1) <("$gotrap" ast "$f" 2>&1) | head -n 20 || true
  done
fi
rm -f "$work/mismatches.txt"
exit "$status"
