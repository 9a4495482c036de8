#!/usr/bin/env bash
# Validates gotrap's SARIF as GitHub code scanning would take it: Microsoft's SARIF multitool with
# the SARIF and GitHub rule sets (`validate --rule-kind "Sarif;Gh"`), and the SARIF 2.1.0 JSON
# Schema. Inputs: the examples module, and a module whose paths hold spaces, commas, '%' and
# non-ASCII text, with a finding on a line that has non-ASCII text before it (UTF-16 columns).
# The validators are installed by scripts/install-deps into tools/sarif-validate/node_modules.
# Usage: sarif_validate.sh GOTRAP REPO_ROOT
set -uo pipefail
gotrap="$(realpath "$1")"
root="$(realpath "$2")"
tools="$root/tools/sarif-validate"
multitool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ ! -x "$multitool" ]] || ! command -v node >/dev/null; then
  echo "FAIL: SARIF validators missing: run scripts/install-deps (it installs them with npm)"
  exit 1
fi
# The multitool is a .NET program; invariant globalization spares it a dependency on libicu.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A module with awkward names (a package directory with a space is no valid import path, so the
# space goes in the module root and the file name): the path must survive percent-encoding.
odd="$work/odd mod, 100% ünïcode"
mkdir -p "$odd/pkg"
printf 'module example.com/odd\n\ngo 1.21\n' >"$odd/go.mod"
cat >"$odd/pkg/lost, cancel%.go" <<'GO'
package pkg

import "context"

// Grüße: the next line starts with non-ASCII text, so byte and UTF-16 columns differ.
func Fetch(ctx context.Context) context.Context {
	/* ünïcode */ c, _ := context.WithCancel(ctx)
	return c
}
GO

reports=()
(cd "$root/examples" && "$gotrap" --format sarif ./... >"$work/examples.sarif")
[[ $? -le 1 ]] || fail "gotrap failed on examples"
reports+=("$work/examples.sarif")
(cd "$odd" && "$gotrap" --format sarif ./... >"$work/odd.sarif")
[[ $? == 1 ]] || fail "gotrap found nothing in the odd-names module"
reports+=("$work/odd.sarif")
# Absolute patterns give absolute paths: file:// URIs.
"$gotrap" --format sarif "$odd/..." >"$work/absolute.sarif"
reports+=("$work/absolute.sarif")

for report in "${reports[@]}"; do
  name="$(basename "$report" .sarif)"
  [[ "$(jq '.runs[0].results | length' "$report")" -gt 0 ]] || fail "$name: no results to validate"
  "$multitool" validate --rule-kind "Sarif;Gh" --output "$work/$name.validation.sarif" "$report" \
    >"$work/$name.multitool.log" 2>&1 || fail "$name: multitool failed: $(cat "$work/$name.multitool.log")"
  # The validation log is SARIF too: each of its results is one problem in our report.
  problems="$(jq '[.runs[].results[]? | select(.level == "error" or .level == "warning")] | length' \
    "$work/$name.validation.sarif" 2>/dev/null)"
  if [[ "$problems" != 0 ]]; then
    fail "$name: multitool reports $problems problem(s):"$'\n'"$(grep -E ' (error|warning) ' "$work/$name.multitool.log")"
  else
    echo "$name: multitool --rule-kind Sarif;Gh: 0 errors, 0 warnings"
  fi
  node "$tools/schema-check.js" "$report" || fail "$name: not valid against the SARIF 2.1.0 schema"
done

# The odd module: relative, percent-encoded URI under %SRCROOT%, and a UTF-16 start column.
uri="$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$work/odd.sarif")"
[[ "$uri" == "pkg/lost%2C%20cancel%25.go" ]] || fail "odd: uri $uri"
base="$(jq -r '.runs[0].originalUriBaseIds["%SRCROOT%"].uri' "$work/odd.sarif")"
[[ "$base" == file://*/odd%20mod%2C%20100%25%20%C3%BCn%C3%AFcode/ ]] || fail "odd: base $base"
col="$(jq -r '.runs[0].results[0].locations[0].physicalLocation.region.startColumn' "$work/odd.sarif")"
# "\t/* ünïcode */ " is 17 bytes but 15 UTF-16 code units: the finding starts at byte column 18
# (text output) and UTF-16 column 16 (SARIF).
line_text="$(sed -n 7p "$odd/pkg/lost, cancel%.go")"
[[ "$col" == 16 ]] || fail "odd: startColumn $col on: $line_text"
text_pos="$(cd "$odd" && "$gotrap" ./... | head -1 | cut -d: -f2,3)"
[[ "$text_pos" == 7:18 ]] || fail "odd: text output position $text_pos (want byte column 7:18)"
absuri="$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$work/absolute.sarif")"
[[ "$absuri" == file:///*/pkg/lost%2C%20cancel%25.go ]] || fail "absolute: uri $absuri"
# Fingerprints survive a shift of the flagged line.
fp1="$(jq -r '.runs[0].results[0].partialFingerprints["gotrapLineHash/v1"]' "$work/odd.sarif")"
sed -i 's|^// Grüße|// A new line above.\n// Grüße|' "$odd/pkg/lost, cancel%.go"
fp2="$(cd "$odd" && "$gotrap" --format sarif ./... | jq -r '.runs[0].results[0].partialFingerprints["gotrapLineHash/v1"]')"
[[ -n "$fp1" && "$fp1" != null && "$fp1" == "$fp2" ]] || fail "fingerprint changed with a line shift: $fp1 $fp2"

if ((failures > 0)); then
  echo "$failures SARIF check(s) failed"
  exit 1
fi
echo "all SARIF checks passed"
