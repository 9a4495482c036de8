#!/usr/bin/env bash
# scaling-smoke: bench/compare/scaling.sh over a made-up module cache of four tiny modules, so
# the subset rule can be checked exactly: the modules are taken in manifest order while they fit
# in the share of the corpus size, the excluded module is measured on its own rather than
# dropped, and the TSV, the markdown table and the PNG come out. Figures are never judged.
# Usage: scaling_smoke.sh GOTRAP WORK_DIR
set -euo pipefail
gotrap="$1"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$work"; mkdir -p "$work/gomod"
fail() { echo "scaling-smoke: $*" >&2; exit 1; }

# mkmod PATH VERSION BYTES: a module of one package whose .go files hold BYTES bytes in all.
mkmod() {
  local dir="$work/gomod/$1@$2"
  mkdir -p "$dir"
  printf 'module %s\n\ngo 1.22\n' "$1" >"$dir/go.mod"
  local head
  head="$(printf 'package p\n\nfunc F() int { return 1 }\n')"
  { printf '%s\n' "$head"; head -c "$(($3 - ${#head} - 1 - 3))" /dev/zero | tr '\0' 'x' | sed 's|^|// |'; } >"$dir/p.go"
  [[ "$(stat -c %s "$dir/p.go")" == "$3" ]] || fail "fixture $1 is $(stat -c %s "$dir/p.go") bytes, not $3"
}
mkmod example.com/a v1.0.0 100000
mkmod example.com/b v1.0.0 300000
mkmod example.com/big v1.0.0 50000
mkmod example.com/c v1.0.0 400000
mkmod example.com/hold v1.0.0 70000
printf '# module\tversion\tset\tkind\n' >"$work/modules.tsv"
for m in a b big c; do printf 'example.com/%s\tv1.0.0\tdev\tlibrary\n' "$m" >>"$work/modules.tsv"; done
printf 'example.com/hold\tv1.0.0\tholdout\tlibrary\n' >>"$work/modules.tsv"

if "$here/../../bench/compare/scaling.sh" --gotrap "$gotrap" --threads "1 x" 2>/dev/null; then
  fail "--threads '1 x' was accepted"
fi

GOMODCACHE="$work/gomod" "$here/../../bench/compare/scaling.sh" --gotrap "$gotrap" \
  --manifest "$work/modules.tsv" --exclude '^example\.com/big@' --threads "1 2" \
  --out-tsv "$work/scaling.tsv" --out-png "$work/scaling.png" >"$work/table.md"
tsv="$work/scaling.tsv"
cat "$tsv"
# The corpus is a, b, c: 800000 bytes. 1/8 = 100000: a. 1/4 = 200000: a (b does not fit).
# 1/2 = 400000: a and b (c does not fit after them). all: a, b, c. big is measured alone and the
# holdout module never.
expect() {  # LABEL KIND MODULES FILES MB
  for n in 1 2; do
    awk -F'\t' -v l="$1" -v k="$2" -v m="$3" -v f="$4" -v mb="$5" -v n="$n" '
      $1 == l && $2 == k && $3 == m && $4 == f && $5 == mb && $6 == n && $7 ~ /^[0-9.]+$/ &&
      $8 ~ /^[0-9.]+$/ && $9 ~ /^[0-9]+$/ && $11 == 0 { found = 1 } END { exit !found }' "$tsv" \
      || fail "no row: $* with $n thread(s)"
  done
}
expect 1/8 subset 1 1 0.1
expect 1/4 subset 1 1 0.1
expect 1/2 subset 2 2 0.4
expect all subset 3 3 0.8
expect big separate 1 1 0.1
[[ "$(grep -vc '^#' "$tsv")" == 11 ]] || fail "expected a header and 10 rows"
grep -q '^# excluded	.*example.com/big@v1.0.0 (0.1 MB of Go)' "$tsv" || fail "the exclusion is not said"
grep -q 'hold' "$tsv" && fail "the holdout module was measured"
grep -q '^| all | 3 | 3 | 0.8 | 2 | ' "$work/table.md" || fail "no markdown row for all, 2 threads"
[[ "$(head -c 8 "$work/scaling.png" | od -An -c | tr -d ' ')" == '211PNG\r\n032\n' ]] || fail "no PNG"
echo "scaling-smoke: ok"
