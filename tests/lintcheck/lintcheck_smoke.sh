#!/usr/bin/env bash
# lintcheck-smoke: bench/lintcheck/run.sh keeps working, offline, on a module cache made of two
# tiny modules in testdata (example.com/tiny, dev; example.com/held, holdout). Checks the
# tables' shape and counts, verdict counting and validation, --untriaged, --compare in both
# directions, and --fixes: a safe fix that builds passes, a pre-existing vet failure is not
# blamed on the fix that shifts it, and a fix that breaks the build is reported.
# Usage: lintcheck_smoke.sh GOTRAP WORK_DIR
set -euo pipefail
gotrap="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/../../bench/lintcheck/run.sh"

fail() { echo "lintcheck-smoke: $*" >&2; exit 1; }
expect() { # expect NAME OUTPUT FIXED-STRING...
  local name="$1" out="$2"
  shift 2
  for want in "$@"; do
    grep -qF -- "$want" <<<"$out" || { echo "$out"; fail "$name: no line containing '$want'"; }
  done
}

chmod -R u+w "$work" 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work"
cp -R "$here/testdata/gomod" "$work/gomod"
export LINTCHECK_GOMODCACHE="$work/gomod" LINTCHECK_OUT="$work/out"
export LINTCHECK_MANIFEST="$here/testdata/modules.tsv" LINTCHECK_VERDICTS="$here/testdata/verdicts"
export GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local

# Default run: the dev module only; one triaged loop-capture finding, the rest untriaged.
out="$("$run" --gotrap "$gotrap" --offline)"
echo "$out"
expect default "$out" \
  "modules: 1 run (0 holdout) of 2 in the manifest (and 0 dependencies fetched); go line below 1.22: 1; released in 2026: 1" \
  "| module@version | set | go | released | .go MB | findings | wall s | peak RSS MB | status |" \
  "| rule | findings | modules | true | false | debatable | precision | strict precision | untriaged |" \
  "| loop-capture | 2 | 1 | 1 | 0 | 0 | 100 % (1/1) | 100 % (1/1) | 1 |" \
  "| defer-in-loop | 1 | 1 | 0 | 0 | 0 | – | – | 1 |" \
  "| all | 3 | | 1 | 0 | 0 | 100 % (1/1) | 100 % (1/1) | 2 |"
grep -Eq '^\| example\.com/tiny@v1\.0\.0 \| dev \| 1\.21 \| 2026-01-02 \| [0-9.]+ \| 3 \| [0-9.]+ \| [0-9]+ \| ok \|$' <<<"$out" ||
  fail "default: module row of example.com/tiny has the wrong shape"
grep -q "example.com/held" <<<"$out" && fail "default: the holdout module was run"

# --holdout: the held module runs too, in a table of its own without verdict columns.
out="$("$run" --gotrap "$gotrap" --offline --holdout)"
expect holdout "$out" "## Findings per rule (holdout modules; never triaged)" "| rule | findings | modules |"
sed -n '/holdout modules; never triaged/,/^$/p' <<<"$out" | grep -qF "| defer-in-loop | 1 | 1 |" ||
  { echo "$out"; fail "holdout: defer-in-loop of example.com/held not counted in the holdout table"; }

# --untriaged: the finding with context and a verdict line to fill in.
out="$("$run" --gotrap "$gotrap" --offline --untriaged loop-capture)"
expect untriaged "$out" "== example.com/tiny@v1.0.0 vetfail/vetfail.go:10:40 [loop-capture]" \
  ">    10 | 		fs = append(fs, func() { fmt.Println(it) })" \
  "1 untriaged loop-capture findings"
grep -qP '^   tsv: example\.com/tiny@v1\.0\.0\tvetfail/vetfail\.go\t10\tloop-capture\t\?\t\?$' <<<"$out" ||
  fail "untriaged: no tsv line to fill in"

# --compare: a binary that drops loop-capture shows its two findings removed, and added the other way.
cat >"$work/gotrap-no-loop-capture" <<EOF
#!/usr/bin/env bash
exec "$gotrap" --disable loop-capture "\$@"
EOF
chmod +x "$work/gotrap-no-loop-capture"
out="$("$run" --gotrap "$gotrap" --offline --compare "$work/gotrap-no-loop-capture")"
expect compare "$out" "| loop-capture | 0 | 2 |" "| all | 0 | 2 |" \
  "removed loop-capture example.com/tiny@v1.0.0 main.go:16 loop variable name captured"
out="$("$run" --gotrap "$work/gotrap-no-loop-capture" --offline --compare "$gotrap")"
expect compare-reverse "$out" "| loop-capture | 2 | 0 |" \
  "added loop-capture example.com/tiny@v1.0.0 vetfail/vetfail.go:10 loop variable it captured"

# --fixes: both loop-capture fixes apply and build; vetfail's printf mistake predates them.
out="$("$run" --gotrap "$gotrap" --offline --fixes)"
echo "$out" | sed -n '/## Fix safety/,$p'
expect fixes "$out" \
  "| example.com/tiny@v1.0.0 | 2 | 2 | 2 | 1 | 0 | fixed 2 finding(s) in 2 file(s) |" \
  "safe fixes offered: 2 (loop-capture 2); files changed: 2; packages built and vetted: 2; pre-existing build/vet failures: 1; build or vet runs broken by fixes: 0"
grep -q "^BROKEN" <<<"$out" && fail "fixes: a fix that builds was reported broken"

# A "fix" that breaks the build must be reported with the package and the rule.
cat >"$work/gotrap-bad-fix" <<EOF
#!/usr/bin/env bash
if [[ " \$* " == *" --fix "* ]]; then
  "$gotrap" "\$@" && rc=0 || rc=\$?
  echo 'var broken int = "not an int"' >>main.go
  exit \$rc
fi
exec "$gotrap" "\$@"
EOF
chmod +x "$work/gotrap-bad-fix"
out="$("$run" --gotrap "$work/gotrap-bad-fix" --offline --fixes)"
expect bad-fix "$out" "BROKEN example.com/tiny@v1.0.0 .: go build fails after fixes of loop-capture" \
  "fix main.go:16 [loop-capture]" "build or vet runs broken by fixes: 2"

# A malformed verdict is an error, never skipped.
mkdir -p "$work/badverdicts"
printf 'example.com/tiny@v1.0.0\tmain.go\t16\tloop-capture\tyes\tsome reason\n' >"$work/badverdicts/loop-capture.tsv"
if LINTCHECK_VERDICTS="$work/badverdicts" "$run" --gotrap "$gotrap" --offline >"$work/bad.out" 2>&1; then
  fail "a verdict 'yes' was accepted"
fi
grep -q "verdict \"yes\" is not true, false or debatable" "$work/bad.out" || { cat "$work/bad.out"; fail "no message for a bad verdict"; }
echo "lintcheck-smoke: ok"
