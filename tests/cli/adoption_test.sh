#!/usr/bin/env bash
# The ready-made adoption files parse and their commands work: the GitHub Actions workflow
# example (its gotrap step, run here on the examples module, writes SARIF), the pre-commit hooks
# (their entry and args, run the way pre-commit runs them), and the example gotrap.toml (valid).
# Usage: adoption_test.sh GOTRAP REPO_ROOT
set -uo pipefail
gotrap="$(realpath "$1")"
root="$(realpath "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
python=/usr/bin/python3  # Debian's, with python3-yaml (scripts/deps.txt)

# The workflow: valid YAML with the expected jobs and steps; its gotrap step runs here.
run_step="$("$python" - "$root/docs/ci/github-actions.yml" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
steps = doc["jobs"]["gotrap"]["steps"]
assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps), "no checkout"
upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert upload and upload[0]["with"]["sarif_file"] == "gotrap.sarif", "no SARIF upload"
assert doc["permissions"]["security-events"] == "write"
print(next(s["run"] for s in steps if s.get("name") == "Run gotrap"))
PY
)" || fail "workflow: not the expected shape"
mkdir -p "$work/bin"
ln -s "$gotrap" "$work/bin/gotrap"
cp -r "$root/examples" "$work/examples"
(cd "$work/examples" && PATH="$work/bin:$PATH" bash -c "$run_step")
[[ $? == 1 ]] || fail "workflow step: want exit 1 (findings) on examples: $run_step"
jq -e '.runs[0].results | length > 0' "$work/examples/gotrap.sarif" >/dev/null ||
  fail "workflow step wrote no SARIF results"
# The build step's scripts exist where the workflow calls them.
for script in scripts/install-deps scripts/build; do
  [[ -x "$root/$script" ]] || fail "workflow calls $script, which is missing"
done

# pre-commit hooks: run each hook's entry and args as pre-commit does (pass_filenames false).
"$python" - "$root/.pre-commit-hooks.yaml" >"$work/hooks" <<'PY' || fail "pre-commit hooks: not the expected shape"
import sys, yaml, shlex
for hook in yaml.safe_load(open(sys.argv[1])):
    assert {"id", "name", "entry", "language"} <= hook.keys(), hook
    assert hook["pass_filenames"] is False
    print(hook["id"], shlex.join([hook["entry"], *hook.get("args", [])]))
PY
while read -r id command; do
  rm -rf "$work/hook" && cp -r "$root/examples" "$work/hook"
  (cd "$work/hook" && PATH="$work/bin:$PATH" bash -c "$command" >"$work/hook.out" 2>&1)
  status=$?
  [[ $status == 1 ]] || fail "hook $id: exit $status (want 1: findings remain):"$'\n'"$(cat "$work/hook.out")"
done <"$work/hooks"
[[ "$(wc -l <"$work/hooks")" -ge 1 ]] || fail "no pre-commit hook"

# The example configuration is valid and does what its comments say.
"$gotrap" config --config "$root/docs/ci/gotrap.example.toml" "$root/examples" >"$work/config" ||
  fail "example gotrap.toml is invalid"
grep -q 'lost-cancel = "error"' "$work/config" || fail "example config: lost-cancel not an error"

if ((failures > 0)); then
  echo "$failures adoption check(s) failed"
  exit 1
fi
echo "all adoption checks passed"
