#!/usr/bin/env bash
# Side by side, in one run: gotrap against go vet, staticcheck and golangci-lint on the standard
# library and on a pinned set of real modules, cold and warm. Prints wall, CPU and peak RSS per
# run, gotrap's ratios and the findings per tool, and writes the same table to bench/compare.md.
# Needs the network on the first run (the modules' dependencies, `go install` of the pinned
# peers), so it is a benchmark, never part of scripts/test.
#
# Usage: bench/compare/run.sh [--only LIST] [--target goroot|modules|all] [--targets DIR[,DIR...]]
#                             [--out FILE]
#   --only     comma-separated subset of: gotrap,govet,staticcheck,golangci-lint (default: all;
#              --tools is the same flag)
#   --target   goroot: $(go env GOROOT)/src only; modules: the pinned modules only; all (default)
#   --targets  directories to measure instead (each is copied to a scratch directory; the copies
#              are what the tools read)
#   --out      markdown report (default bench/compare.md); the figures behind it go to the same
#              name with .tsv, a row as soon as it is measured, so a stopped run keeps them
#   --report   only write the report again from the .tsv of --out (no measuring)
# Environment: BUILD_DIR (default build/), GOTRAP (default BUILD_DIR/src/cli/gotrap),
#   GOMODCACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod), COMPARE_LOGS (where each
#   run's output is kept; default BUILD_DIR/compare/logs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
gotrap="$(realpath -m "${GOTRAP:-$build/src/cli/gotrap}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
export GOTOOLCHAIN=local
command_line="bench/compare/run.sh${*:+ $*}"

# Pinned peers and modules. The peers are the newest releases the module proxy served on
# 2026-12-07 (both build with Go 1.26). The modules are development modules of the lintcheck
# corpus (bench/lintcheck/modules.tsv; never its holdout set) that build with their go.mod as
# released: a web framework (echo, 2 packages, 0.9 MB of Go) and a service toolkit (kratos, 47
# packages, 0.6 MB, many dependencies). Two, not more: on a loaded 2-core machine each cold peer
# run over a module and its dependencies takes minutes.
staticcheck_pkg=honnef.co/go/tools/cmd/staticcheck@v0.8.2
golangci_pkg=github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
modules='
github.com/labstack/echo/v4 v4.11.4
github.com/go-kratos/kratos/v2 v2.8.3
'
# The peers' checks that look for the same bugs as gotrap's rules (gotrap rule in brackets):
#   staticcheck  SA1012 nil context [nil-ctx], SA1015 time.Tick leak [timer-leak],
#                SA2000 WaitGroup.Add inside the goroutine [wg-add-in-goroutine],
#                SA9001 defer in a range loop [defer-in-loop]
#   go vet (inside golangci-lint)  lostcancel [lost-cancel], loopclosure [loop-capture],
#                copylocks [wg-copy], waitgroup [wg-add-in-goroutine],
#                httpresponse [body-not-closed: response used before the error check]
#   golangci-lint linters  bodyclose [body-not-closed], contextcheck [ctx-background],
#                fatcontext [ctx-in-loop], noctx [http-no-timeout, ctx-no-deadline: requests
#                without a context], gosec G112/G114 [http-server-timeout],
#                gocritic deferInLoop [defer-in-loop]
# gotrap's slice-pop-leak, slice-retain, append-alias, wg-deferred-done, wg-done-missing and
# timeout-leak have no counterpart in either peer. go vet itself runs with its default analyzers
# (what `go vet ./...` does), which is more than the overlap.
staticcheck_checks=SA1012,SA1015,SA2000,SA9001
govet_analyzers='[lostcancel, loopclosure, copylocks, waitgroup, httpresponse]'
golangci_linters='[govet, staticcheck, bodyclose, contextcheck, fatcontext, noctx, gosec, gocritic]'

targets=""
target_set=all
tools="gotrap,govet,staticcheck,golangci-lint"
out="$root/bench/compare.md"
report_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --targets) targets="$2"; shift 2 ;;
    --target) target_set="$2"; shift 2 ;;
    --tools|--only) tools="$2"; shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --report) report_only=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$target_set" in goroot|modules|all) ;; *) echo "--target: goroot, modules or all" >&2; exit 2 ;; esac
IFS=, read -ra tool_list <<<"$tools"
for t in "${tool_list[@]}"; do
  case "$t" in gotrap|govet|staticcheck|golangci-lint) ;; *) echo "unknown tool $t" >&2; exit 2 ;; esac
done
want() { [[ ",$tools," == *",$1,"* ]]; }
rows="${out%.md}.tsv"
logs="$(realpath -m "${COMPARE_LOGS:-$build/compare/logs}")"

if [[ $report_only == 1 ]]; then
  [[ -f "$rows" ]] || { echo "no figures at $rows" >&2; exit 2; }
else
[[ -x "$gotrap" ]] || { echo "no gotrap binary at $gotrap (scripts/build gotrap)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
bin="$build/compare/bin"
mkdir -p "$bin" "$logs"

# Installed once per build dir; the version check reinstalls when the pin changes.
if want staticcheck && ! "$bin/staticcheck" -version 2>/dev/null | grep -q "(${staticcheck_pkg##*@v})"; then
  echo "installing $staticcheck_pkg" >&2
  GOBIN="$bin" go install "$staticcheck_pkg"
fi
if want golangci-lint && ! "$bin/golangci-lint" version 2>/dev/null | grep -q "version ${golangci_pkg##*@v} "; then
  echo "installing $golangci_pkg" >&2
  GOBIN="$bin" go install "$golangci_pkg"
fi
cat >"$work/golangci.yml" <<EOF
version: "2"
linters:
  default: none
  enable: $golangci_linters
  settings:
    govet:
      disable-all: true
      enable: $govet_analyzers
    staticcheck:
      checks: [$(echo "$staticcheck_checks" | sed 's/,/, /g')]
    gosec:
      includes: [G112, G114]
    gocritic:
      disable-all: true
      enabled-checks: [deferInLoop]
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
EOF

# Targets. Each is copied: gotrap's runs read the copy (the touched-file run edits it), and so do
# the peers, except on GOROOT/src, which the go command builds only in place (a copy is not std).
declare -a names dirs peer_dirs
add_target() {
  local name="$1" src="$2" dst="$work/t/$1" peer="${3:-}"
  mkdir -p "$(dirname "$dst")"
  cp -r "$src" "$dst"
  chmod -R u+w "$dst"
  names+=("$name"); dirs+=("$dst"); peer_dirs+=("${peer:-$dst}")
}
if [[ -n "$targets" ]]; then
  IFS=, read -ra list <<<"$targets"
  for d in "${list[@]}"; do add_target "$(basename "$(realpath "$d")")" "$(realpath "$d")"; done
else
  if [[ $target_set != goroot ]]; then
    while read -r mod ver; do
      [[ -n "$mod" ]] || continue
      moddir="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$mod@$ver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
      [[ -d "$moddir" ]] || { echo "cannot download $mod@$ver" >&2; exit 2; }
      # The last path element, with the one before it for major-version suffixes (echo/v4).
      add_target "$(echo "$mod" | awk -F/ '{print ($NF ~ /^v[0-9]+$/) ? $(NF-1) "/" $NF : $NF}')@$ver" "$moddir"
      # The dependencies the peers need to type-check, fetched once up front (not timed).
      (cd "${dirs[-1]}" && GOFLAGS=-mod=mod go mod download all >/dev/null 2>&1) \
        || { echo "cannot download the dependencies of $mod@$ver" >&2; exit 2; }
    done <<<"$modules"
  fi
  # GOROOT/src last: its cold peer runs are the longest (go vet alone took 20 minutes on the
  # loaded machine), and a stopped run keeps the module rows.
  if [[ $target_set != modules ]]; then
    add_target goroot-src "$(go env GOROOT)/src" "$(go env GOROOT)/src"
  fi
fi

# gotrap's stat index does not vouch for a file changed less than two seconds before it was read
# (the racy window of rules/file_index.h), so a warm run right after the copy would read every
# copied file again; the checkouts users run gotrap in are older than that.
sleep 2.1

has_cache=0
if "$gotrap" --help 2>&1 | grep -q -- '--no-cache'; then has_cache=1; fi
load1() { cut -d' ' -f1 /proc/loadavg; }
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
date_start="$(date -u '+%Y-%m-%d %H:%M UTC')"

# measure TARGET TOOL MODE DIR ENV... -- CMD...: one timed run, appended to $work/rows; its output
# is kept in $logs/TARGET.TOOL.MODE.log. A finding is a line `file.go:LINE[:COL]: message`, the
# form all four tools print. The exit status is kept: 0 or 1 (findings) is a run that worked;
# anything else (or output the tool prints for packages it could not load) is shown as it is.
count_findings() { grep -cE '^[^ :]+\.go:[0-9]+(:[0-9]+)?: ' "$1" || true; }
measure() {
  local target="$1" tool="$2" mode="$3" dir="$4"; shift 4
  local envs=()
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  local log
  log="$logs/$(echo "$target" | tr '/' '_').$tool.$mode.log"
  local tf="$work/time.$$" load status=0
  load="$(load1)"
  (cd "$dir" && env "${envs[@]}" /usr/bin/time -f '%e %U %S %M %x' -o "$tf" "$@") >"$log" 2>&1 || true
  local wall user sys rss
  read -r wall user sys rss status < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+ -?[0-9]+$' "$tf" | tail -n 1)
  local cpu rss_mb findings
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
  rss_mb="$(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}')"
  findings="$(count_findings "$log")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$tool" "$mode" "$wall" "$cpu" "$rss_mb" \
    "$findings" "$status" "$load" >>"$rows"
  printf '%-20s %-14s %-8s wall %8ss  cpu %8ss  rss %6s MB  findings %5s  exit %s  load %s\n' \
    "$target" "$tool" "$mode" "$wall" "$cpu" "$rss_mb" "$findings" "$status" "$load" >&2
}
na_row() { printf '%s\t%s\t%s\tn/a\tn/a\tn/a\tn/a\tn/a\t%s\n' "$1" "$2" "$3" "$(load1)" >>"$rows"; }

{
  printf '# command\t%s\n' "$command_line"
  printf '# start\t%s\n' "$date_start"
  printf '# load_start\t%s\n' "$load_start"
  printf '# machine\t%s cores (%s), %s of memory\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
  printf '# go\t%s\n' "$(go version | awk '{print $3}')"
  printf '# gotrap\t%s, sha256 %s\n' "$("$gotrap" --version 2>/dev/null | head -n 1 || echo '(no --version)')" \
    "$(sha256sum "$gotrap" | cut -c1-16)"
  printf '# peers\t%s, %s\n' "$staticcheck_pkg" "$golangci_pkg"
} >"$rows"
for i in "${!names[@]}"; do
  t="${names[$i]}"; d="${dirs[$i]}"; pd="${peer_dirs[$i]}"
  # Modules resolve their dependencies from the module cache; std uses its vendor directory.
  gf=-mod=mod
  [[ "$pd" != "$d" ]] && gf=
  if want gotrap; then
    if [[ $has_cache == 1 ]]; then
      c="$work/gotrap-cache-$i"
      measure "$t" gotrap cold "$d" -- "$gotrap" --cache-dir "$c" --exit-zero ./...
      measure "$t" gotrap warm "$d" -- "$gotrap" --cache-dir "$c" --exit-zero ./...
      f="$(cd "$d" && find . -name '*.go' ! -name '*_test.go' ! -path '*/testdata/*' | LC_ALL=C sort | sed -n 1p)"
      printf '\n// touched by bench/compare\n' >>"$d/$f"
      measure "$t" gotrap touched "$d" -- "$gotrap" --cache-dir "$c" --exit-zero ./...
    else
      measure "$t" gotrap cold "$d" -- "$gotrap" --exit-zero ./...
      na_row "$t" gotrap warm
      na_row "$t" gotrap touched
    fi
  fi
  if want govet; then
    g="$work/gocache-vet-$i"
    for mode in cold warm; do
      measure "$t" go-vet "$mode" "$pd" GOCACHE="$g" GOFLAGS="$gf" -- go vet ./...
    done
  fi
  if want staticcheck; then
    g="$work/gocache-sc-$i"
    for mode in cold warm; do
      measure "$t" staticcheck "$mode" "$pd" GOCACHE="$g" XDG_CACHE_HOME="$g-x" STATICCHECK_CACHE="$g-s" \
        GOFLAGS="$gf" -- "$bin/staticcheck" -checks "$staticcheck_checks" ./...
    done
  fi
  if want golangci-lint; then
    g="$work/gocache-gl-$i"
    for mode in cold warm; do
      measure "$t" golangci-lint "$mode" "$pd" GOCACHE="$g" GOLANGCI_LINT_CACHE="$g-l" XDG_CACHE_HOME="$g-x" \
        GOFLAGS="$gf" -- "$bin/golangci-lint" run -c "$work/golangci.yml" --output.text.path stdout ./...
    done
  fi
done
printf '# end\t%s\n# load_end\t%s\n' "$(date -u '+%H:%M UTC')" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$rows"
fi

# The report, from the .tsv alone: one table, then gotrap's ratios (peer / gotrap, same target
# and mode), then the scaling figures when bench/scaling.tsv is there.
meta() { sed -n "s/^# $1\t//p" "$rows" | tail -n 1; }
data="$(grep -v '^#' "$rows" || true)"
{
  echo "# bench/compare"
  echo
  end="$(meta end)"; load_end="$(meta load_end)"
  echo "Measured by \`$(meta command)\` from $(meta start) to ${end:-its stop}: $(meta machine);"
  echo "load average (1, 5, 15 min) $(meta load_start) at the start and ${load_end:-(not recorded)} at the end; $(meta go);"
  echo "$(meta gotrap). The figures are in \`$(basename "$rows")\` beside this file."
  if [[ -z "$end" ]]; then
    echo
    echo "**The run was stopped before its end: the rows below are the runs it finished.**"
  fi
  if [[ "$out" == "$root/bench/compare.md" ]]; then
    others="$(cd "$root/bench" && ls compare-*.md 2>/dev/null | sed 's/^/`bench\//; s/$/`/' | paste -sd, - | sed 's/,/, /g')"
    [[ -z "$others" ]] || { echo; echo "Runs of a subset, measured apart from this one: $others."; }
  fi
  echo
  echo "Cold: empty caches (gotrap's cache dir; a fresh GOCACHE and the peer's own cache for the"
  echo "others). Warm: the same command again. Touched: one file of the target edited after the warm"
  echo "run. Wall and CPU (user + system) seconds and peak RSS from GNU time; the last column is the"
  echo "1-minute load average when the run started (the machine is shared: on a busy machine wall"
  echo "time stretches, CPU time much less). Findings: lines \`file.go:line: message\` in the output."
  echo "Exit: the tool's exit status (1 means it reported findings)."
  echo
  echo "Peers: go vet with its default analyzers; \`$staticcheck_pkg\` with \`-checks $staticcheck_checks\`;"
  echo "\`$golangci_pkg\` with linters $golangci_linters, govet limited to $govet_analyzers,"
  echo "staticcheck to the same checks as above, gosec to G112 and G114 and gocritic to deferInLoop."
  echo "Each peer check is listed against the gotrap rule it overlaps in bench/compare/run.sh."
  echo
  echo "| target | tool | mode | wall s | CPU s | peak RSS MB | findings | exit | load |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
  [[ -z "$data" ]] || awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' <<<"$data"
  echo
  echo "## gotrap's ratios (peer / gotrap, same target, same mode)"
  echo
  echo "| target | peer | cold wall | cold CPU | cold RSS | warm wall | warm CPU | warm RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    { k = $1 SUBSEP $2 SUBSEP $3; wall[k] = $4; cpu[k] = $5; rss[k] = $6
      if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      if (!($2 in tseen) && $2 != "gotrap") { tseen[$2] = 1; tools[++m] = $2 } }
    function ratio(a, b) {
      if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) return "n/a"
      return (a / b >= 10) ? sprintf("%.0fx", a / b) : sprintf("%.1fx", a / b) }
    END { for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) {
            t = order[i]; p = tools[j]; pc = t SUBSEP p SUBSEP "cold"; gc = t SUBSEP "gotrap" SUBSEP "cold"
            pw = t SUBSEP p SUBSEP "warm"; gw = t SUBSEP "gotrap" SUBSEP "warm"
            printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", t, p,
                   ratio(wall[pc], wall[gc]), ratio(cpu[pc], cpu[gc]), ratio(rss[pc], rss[gc]),
                   ratio(wall[pw], wall[gw]), ratio(cpu[pw], cpu[gw]), ratio(rss[pw], rss[gw]) } }' <<<"$data"
  # Which checks the findings of each cold run came from, read from the kept output (when it is
  # still there): gotrap's [rule], staticcheck's (SAnnnn), golangci-lint's (linter) with govet's
  # analyzer; go vet's text output does not name the analyzer.
  if [[ -d "$logs" ]]; then
    echo
    echo "## Findings by check (cold runs)"
    echo
    echo "| target | tool | findings by check |"
    echo "|---|---|---|"
    awk -F'\t' '$3 == "cold" {print $1 "\t" $2}' <<<"$data" | while IFS=$'\t' read -r t tool; do
      log="$logs/$(echo "$t" | tr '/' '_').$tool.cold.log"
      [[ -f "$log" ]] || continue
      counts="$(grep -E '^[^ :]+\.go:[0-9]+(:[0-9]+)?: ' "$log" | awk -v tool="$tool" '
        tool == "gotrap" && match($0, /\[[a-z0-9-]+\]$/) { n[substr($0, RSTART + 1, RLENGTH - 2)]++; next }
        tool == "staticcheck" && match($0, /\((SA|S|ST|QF|U)[0-9]+\)$/) { n[substr($0, RSTART + 1, RLENGTH - 2)]++; next }
        tool == "golangci-lint" && match($0, /\([a-z0-9]+\)$/) {
          l = substr($0, RSTART + 1, RLENGTH - 2)
          if (l == "govet") { m = $0; sub(/^[^ ]+: /, "", m); sub(/:.*/, "", m); l = "govet " m }
          n[l]++; next }
        { n["(not named)"]++ }
        END { for (k in n) printf "%s %d\n", k, n[k] }' | LC_ALL=C sort | paste -sd, - | sed 's/,/, /g' || true)"
      echo "| $t | $tool | ${counts:-none} |"
    done
  fi
  scaling="$root/bench/scaling.tsv"
  if [[ "$out" == "$root/bench/compare.md" && -f "$scaling" && -x "$root/bench/compare/scaling.sh" ]]; then
    echo
    "$root/bench/compare/scaling.sh" --table "$scaling"
  fi
} >"$out"
cat "$out"
