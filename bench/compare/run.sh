#!/usr/bin/env bash
# Side by side, in one run: gotrap against go vet, staticcheck and golangci-lint on the standard
# library and on a pinned set of real modules, cold and warm. Prints wall, CPU and peak RSS per
# run, gotrap's ratios and the findings per tool, and writes the same table to bench/compare.md.
# Needs the network on the first run (module downloads, `go install` of the pinned peers), so it
# is a benchmark, never part of scripts/test.
#
# Usage: bench/compare/run.sh [--targets DIR[,DIR...]] [--tools LIST] [--out FILE]
#   --targets  directories to measure instead of $(go env GOROOT)/src and the pinned modules
#              (each is copied to a scratch directory; the copies are what the tools read)
#   --tools    comma-separated subset of: gotrap,govet,staticcheck,golangci-lint (default: all)
#   --out      markdown report (default bench/compare.md)
# Environment: BUILD_DIR (default build/), GOTRAP (default BUILD_DIR/src/cli/gotrap),
#   GOMODCACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(realpath -m "${BUILD_DIR:-$root/build}")"
gotrap="$(realpath -m "${GOTRAP:-$build/src/cli/gotrap}")"
export GOMODCACHE="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"

# Pinned peers and modules. The peers are the newest releases the proxy served that build with
# Go 1.26; the modules are a small spread of sizes (a router, a framework, a service toolkit).
staticcheck_pkg=honnef.co/go/tools/cmd/staticcheck@v0.8.2
golangci_pkg=github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
modules='
github.com/gorilla/mux v1.8.1
github.com/labstack/echo/v4 v4.11.4
github.com/zeromicro/go-zero v1.10.3
'
# The peers' checks that answer the same bugs as gotrap's rules: SA1012 nil context (nil-ctx),
# SA1015 time.Tick leak (timeout-leak), SA2000 wg.Add in the goroutine (wg-add-in-goroutine),
# SA5001 defer Close before the error check; govet's lostcancel, loopclosure, copylocks and
# httpresponse (lost-cancel, loop-capture, wg-copy, body handling).
staticcheck_checks=SA1012,SA1015,SA2000,SA5001
govet_analyzers='[lostcancel, loopclosure, copylocks, httpresponse]'

targets=""
tools="gotrap,govet,staticcheck,golangci-lint"
out="$root/bench/compare.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --targets) targets="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
want() { [[ ",$tools," == *",$1,"* ]]; }

[[ -x "$gotrap" ]] || { echo "no gotrap binary at $gotrap (scripts/build gotrap)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
bin="$build/bench-compare-bin"
mkdir -p "$bin"

if want staticcheck && [[ ! -x "$bin/staticcheck" ]]; then
  echo "installing $staticcheck_pkg" >&2
  GOBIN="$bin" go install "$staticcheck_pkg"
fi
if want golangci-lint && [[ ! -x "$bin/golangci-lint" ]]; then
  echo "installing $golangci_pkg" >&2
  GOBIN="$bin" go install "$golangci_pkg"
fi
cat >"$work/golangci.yml" <<EOF
version: "2"
linters:
  default: none
  enable: [govet, staticcheck, bodyclose, contextcheck, fatcontext, noctx]
  settings:
    govet:
      enable: $govet_analyzers
      disable-all: true
    staticcheck:
      checks: [$(echo "$staticcheck_checks" | sed 's/,/, /g')]
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
  add_target goroot-src "$(go env GOROOT)/src" "$(go env GOROOT)/src"
  while read -r mod ver; do
    [[ -n "$mod" ]] || continue
    moddir="$(cd "$work" && go mod download -json "$mod@$ver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$moddir" ]] || { echo "cannot download $mod@$ver" >&2; exit 2; }
    # The last path element, with the one before it for major-version suffixes (echo/v4).
    add_target "$(echo "$mod" | awk -F/ '{print ($NF ~ /^v[0-9]+$/) ? $(NF-1) "/" $NF : $NF}')@$ver" "$moddir"
    # The dependencies the peers need to type-check, fetched once up front (not timed).
    (cd "${dirs[-1]}" && GOFLAGS=-mod=mod go mod download all >/dev/null 2>&1 || true)
  done <<<"$modules"
fi

has_cache=0
if "$gotrap" --help 2>&1 | grep -q -- '--no-cache'; then has_cache=1; fi

# measure TARGET TOOL MODE DIR ENV... -- CMD...: one timed run, appended to $work/rows.
count_findings() { grep -cE '^[^ ]+\.go:[0-9]+(:[0-9]+)?: ' "$1" || true; }
measure() {
  local target="$1" tool="$2" mode="$3" dir="$4"; shift 4
  local envs=()
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  local log="$work/log.$$" tf="$work/time.$$"
  (cd "$dir" && env "${envs[@]}" /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@") >"$log" 2>&1 || true
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$tf")
  local cpu rss_mb findings
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
  rss_mb="$(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}')"
  findings="$(count_findings "$log")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$tool" "$mode" "$wall" "$cpu" "$rss_mb" "$findings" >>"$work/rows"
  printf '%-28s %-14s %-8s wall %8ss  cpu %8ss  rss %6s MB  findings %s\n' \
    "$target" "$tool" "$mode" "$wall" "$cpu" "$rss_mb" "$findings" >&2
}
na_row() { printf '%s\t%s\t%s\tn/a\tn/a\tn/a\tn/a\n' "$1" "$2" "$3" >>"$work/rows"; }

: >"$work/rows"
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
    measure "$t" go-vet cold "$pd" GOCACHE="$g" GOFLAGS="$gf" -- go vet ./...
    measure "$t" go-vet warm "$pd" GOCACHE="$g" GOFLAGS="$gf" -- go vet ./...
  fi
  if want staticcheck; then
    g="$work/gocache-sc-$i"
    for mode in cold warm; do
      measure "$t" staticcheck "$mode" "$pd" GOCACHE="$g" XDG_CACHE_HOME="$g-x" GOFLAGS="$gf" -- \
        "$bin/staticcheck" -checks "$staticcheck_checks" ./...
    done
  fi
  if want golangci-lint; then
    g="$work/gocache-gl-$i"
    for mode in cold warm; do
      measure "$t" golangci-lint "$mode" "$pd" GOCACHE="$g" GOLANGCI_LINT_CACHE="$g-l" GOFLAGS="$gf" -- \
        "$bin/golangci-lint" run -c "$work/golangci.yml" --output.text.path stdout ./...
    done
  fi
done

# The report: one table, then gotrap's ratios (peer time / gotrap time, same target and mode).
{
  echo "# bench/compare"
  echo
  echo "Generated by \`bench/compare/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(go version | awk '{print $3}')."
  echo "Cold: empty caches (gotrap's cache dir, GOCACHE, the peers' own caches). Warm: the same"
  echo "command again. Touched: one file of the target edited after the warm run."
  echo "Peers: staticcheck $staticcheck_pkg (checks $staticcheck_checks);"
  echo "golangci-lint $golangci_pkg (govet $govet_analyzers, staticcheck, bodyclose, contextcheck,"
  echo "fatcontext, noctx); go vet with its default analyzers."
  echo
  echo "| target | tool | mode | wall s | CPU s | peak RSS MB | findings |"
  echo "|---|---|---|---:|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}' "$work/rows"
  echo
  echo "## gotrap's ratios (peer wall / gotrap wall)"
  echo
  echo "| target | peer | cold | warm |"
  echo "|---|---|---:|---:|"
  awk -F'\t' '
    { wall[$1 SUBSEP $2 SUBSEP $3] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      if (!($2 in tseen) && $2 != "gotrap") { tseen[$2] = 1; tools[++m] = $2 } }
    function ratio(a, b) { return (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) ? "n/a" : sprintf("%.0fx", a / b) }
    END { for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) {
            t = order[i]; p = tools[j]
            printf "| %s | %s | %s | %s |\n", t, p, ratio(wall[t SUBSEP p SUBSEP "cold"], wall[t SUBSEP "gotrap" SUBSEP "cold"]),
                   ratio(wall[t SUBSEP p SUBSEP "warm"], wall[t SUBSEP "gotrap" SUBSEP "warm"]) } }' "$work/rows"
} >"$out"
cat "$out"
