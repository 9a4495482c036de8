#!/usr/bin/env bash
# Scaling curve: gotrap --no-cache on 1/8, 1/4, 1/2 and all of the lintcheck development corpus,
# with 1 and 2 threads, recording wall, CPU and peak RSS against MB of Go source; the figures go
# to a TSV and are plotted with gnuplot (time against size, memory against size).
#
# Usage: bench/compare/scaling.sh [--gotrap BIN] [--threads "1 2"] [--exclude REGEXP]
#                                 [--out-tsv FILE] [--out-png FILE]
#        bench/compare/scaling.sh --plot TSV PNG     plot a TSV made before (no measuring)
#        bench/compare/scaling.sh --table TSV        print its markdown table (no measuring)
#   --gotrap   binary to measure (default $GOTRAP, else build/src/cli/gotrap; copy it somewhere
#              stable first)
#   --threads  thread counts to run each subset with (default "1 2")
#   --exclude  module@version regexp left out of the subsets and measured on its own instead
#              (default: the Azure SDK, 516 MB of generated code; "" excludes nothing)
#   --out-tsv  default bench/scaling.tsv; --out-png default bench/scaling.png
#   --manifest module list (default bench/lintcheck/modules.tsv)
# The modules are the `dev` lines of bench/lintcheck/modules.tsv, read from the module cache
# (GOMODCACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod; bench/lintcheck/run.sh
# downloads them). Nothing is downloaded here: a missing module stops the run.
# Subsets: the modules in manifest order, each taken when it still fits in the subset's share of
# the corpus size (so the subsets are fixed by the manifest and the sizes, not by chance). One
# gotrap process checks a whole subset, every module given as DIR/... .
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
gomodcache="${GOMODCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gotrap/gomod}"
manifest="$root/bench/lintcheck/modules.tsv"
gotrap="${GOTRAP:-$root/build/src/cli/gotrap}"
threads="1 2"
exclude='^github\.com/Azure/azure-sdk-for-go@'
out_tsv="$root/bench/scaling.tsv"
out_png="$root/bench/scaling.png"
command_line="bench/compare/scaling.sh${*:+ $*}"

# plot TSV PNG: two panels, time against size and peak RSS against size, one line per thread
# count; the modules measured on their own (--exclude) are single points.
plot() {
  local tsv="$1" png="$2"
  command -v gnuplot >/dev/null || { echo "gnuplot is not installed (apt-get install gnuplot-nox)" >&2; exit 2; }
  local title
  title="$(sed -n 's/^# gotrap\t//p' "$tsv" | cut -d, -f1), $(sed -n 's/^# machine\t//p' "$tsv" | cut -d' ' -f1-2), $(sed -n 's/^# date\t//p' "$tsv")"
  # One data file per series: gnuplot joins the points of a series only when no other row comes
  # between them.
  local tmp sep n c th i=0 time_plot="" rss_plot=""
  local colors=("#1f77b4" "#d62728" "#9467bd" "#8c564b")
  tmp="$(mktemp -d)"
  sep="$(awk -F'\t' '!/^#/ && $2 == "separate" {print $1; exit}' "$tsv")"
  for n in $(awk -F'\t' '!/^#/ && $2 == "subset" {print $6}' "$tsv" | sort -nu); do
    awk -F'\t' -v n="$n" '!/^#/ && $2 == "subset" && $6 == n' "$tsv" | sort -t$'\t' -k5,5g >"$tmp/t$n"
    c="${colors[$((i % 4))]}"; th=threads; [[ $n == 1 ]] && th=thread
    time_plot+="'$tmp/t$n' using 5:7 with linespoints lw 2 pt 7 lc rgb '$c' title 'wall, $n $th', "
    time_plot+="'$tmp/t$n' using 5:8 axes x1y2 with linespoints lw 2 dt 2 pt 6 lc rgb '$c' title 'CPU, $n $th (right axis)', "
    rss_plot+="'$tmp/t$n' using 5:9 with linespoints lw 2 pt 7 lc rgb '$c' title '$n $th', "
    i=$((i + 1))
  done
  awk -F'\t' '!/^#/ && $2 == "separate"' "$tsv" >"$tmp/sep"
  if [[ -s "$tmp/sep" ]]; then
    time_plot+="'$tmp/sep' using 5:7 with points pt 9 ps 2 lc rgb '#2ca02c' title 'wall, $sep alone (each thread count)', "
    time_plot+="'$tmp/sep' using 5:8 axes x1y2 with points pt 8 ps 2 lc rgb '#2ca02c' title 'CPU, $sep alone (right axis)', "
    rss_plot+="'$tmp/sep' using 5:9 with points pt 9 ps 2 lc rgb '#2ca02c' title '$sep alone', "
  fi
  gnuplot <<EOF
set terminal pngcairo size 1400,560 font "sans,11"
set output "$png"
set datafile separator "\t"
set key top left
set grid
set xlabel "MB of Go source (10^6 bytes of .go files)"
set multiplot layout 1,2 title "gotrap --no-cache on the lintcheck development corpus: $title"
set title "time (wall time follows the machine's load; CPU time is the steadier figure)"
set ylabel "wall seconds"
set y2label "CPU seconds (user + system)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
plot ${time_plot%, }
unset y2label
unset y2tics
set ytics mirror
set title "peak RSS"
set ylabel "MB"
plot ${rss_plot%, }
unset multiplot
EOF
  rm -rf "$tmp"
  echo "wrote $png" >&2
}

# table TSV: the figures as a markdown section, with seconds and MB of RSS per MB of source.
table() {
  local tsv="$1"
  meta() { sed -n "s/^# $1\t//p" "$tsv" | tail -n 1; }
  echo "## Scaling"
  echo
  echo "\`$(meta command)\` on $(meta date): $(meta machine); load average $(meta load_start) at the"
  echo "start and $(meta load_end) at the end; $(meta gotrap). Plot: \`bench/scaling.png\`;"
  echo "figures: \`bench/scaling.tsv\`. One \`gotrap --no-cache --threads N\` process per subset."
  echo "Subsets of the lintcheck development modules (manifest order, each module taken while it"
  echo "fits in the share). $(meta excluded)"
  echo
  echo "| subset | modules | .go files | MB of Go | threads | wall s | CPU s | peak RSS MB | CPU s per MB | RSS MB per MB | findings | exit | load |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '!/^#/ && $1 != "label" {
    per = ($5 > 0 && $8 != "n/a") ? sprintf("%.3f", $8 / $5) : "n/a"
    rss = ($5 > 0 && $9 != "n/a") ? sprintf("%.2f", $9 / $5) : "n/a"
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $4, $5, $6, $7, $8, $9, per, rss, $10, $11, $12 }' "$tsv"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --plot) plot "$2" "$3"; exit 0 ;;
    --table) table "$2"; exit 0 ;;
    --gotrap) gotrap="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --exclude) exclude="$2"; shift 2 ;;
    --out-tsv) out_tsv="$(realpath -m "$2")"; shift 2 ;;
    --out-png) out_png="$(realpath -m "$2")"; shift 2 ;;
    --manifest) manifest="$(realpath -m "$2")"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
gotrap="$(realpath -m "$gotrap")"
[[ -x "$gotrap" ]] || { echo "no gotrap binary at $gotrap" >&2; exit 2; }
for t in $threads; do [[ "$t" =~ ^[1-9][0-9]*$ ]] || { echo "--threads: positive integers" >&2; exit 2; }; done

# The module cache's case encoding: an upper-case letter becomes '!' and its lower case.
esc() { sed 's/[A-Z]/!\L&/g' <<<"$1"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/mods"   # id dir bytes files, in manifest order
: >"$work/sep"
while IFS=$'\t' read -r mod ver set _; do
  [[ "$mod" == \#* || -z "$mod" || "$set" != dev ]] && continue
  e="$(esc "$mod")@$(esc "$ver")"
  dir=""
  for d in "$gomodcache/$e" "$gomodcache/../gomod-unzipped/$e"; do
    [[ -d "$d" ]] && { dir="$(realpath "$d")"; break; }
  done
  [[ -n "$dir" ]] || { echo "$mod@$ver is not in $gomodcache (bench/lintcheck/run.sh downloads it)" >&2; exit 2; }
  read -r bytes files < <(find "$dir" -type f -name '*.go' -printf '%s\n' | awk '{s += $1; n++} END {print s + 0, n + 0}')
  if [[ -n "$exclude" ]] && grep -Eq "$exclude" <<<"$mod@$ver"; then
    printf '%s\t%s\t%s\t%s\n' "$mod@$ver" "$dir" "$bytes" "$files" >>"$work/sep"
  else
    printf '%s\t%s\t%s\t%s\n' "$mod@$ver" "$dir" "$bytes" "$files" >>"$work/mods"
  fi
done <"$manifest"
total="$(awk -F'\t' '{s += $3} END {print s + 0}' "$work/mods")"
[[ "$total" -gt 0 ]] || { echo "no development modules in $manifest" >&2; exit 2; }

{
  printf '# command\t%s\n' "$command_line"
  printf '# date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '# machine\t%s cores (%s), %s of memory\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
  printf '# gotrap\t%s, sha256 %s\n' "$("$gotrap" --version 2>/dev/null | head -n 1)" "$(sha256sum "$gotrap" | cut -c1-16)"
  printf '# load_start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -s "$work/sep" ]]; then
    printf '# excluded\tLeft out of the subsets and measured on its own (rows "separate"): %s (%s MB of Go).\n' \
      "$(cut -f1 "$work/sep" | paste -sd, -)" "$(awk -F'\t' '{s += $3} END {printf "%.1f", s / 1e6}' "$work/sep")"
  else
    printf '# excluded\tNothing left out.\n'
  fi
  printf 'label\tkind\tmodules\tgo_files\tmb\tthreads\twall_s\tcpu_s\trss_mb\tfindings\texit\tload1\n'
} >"$work/tsv"

# run LABEL KIND LIST THREADS: one gotrap process over the modules listed in LIST.
run() {
  local label="$1" kind="$2" list="$3" n="$4"
  local nmods files mb load log="$work/out" tf="$work/time"
  nmods="$(wc -l <"$list")"
  files="$(awk -F'\t' '{s += $4} END {print s + 0}' "$list")"
  mb="$(awk -F'\t' '{s += $3} END {printf "%.1f", s / 1e6}' "$list")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  local args=()
  while IFS=$'\t' read -r _ dir _ _; do args+=("$dir/..."); done <"$list"
  /usr/bin/time -f '%e %U %S %M %x' -o "$tf" "$gotrap" --no-cache --exit-zero --threads "$n" "${args[@]}" \
    >"$log" 2>"$work/err" || true
  local wall user sys rss status
  if read -r wall user sys rss status < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+ -?[0-9]+$' "$tf" | tail -n 1); then
    :
  else  # killed by a signal: GNU time says so on a line of its own
    wall=n/a user=0 sys=0 rss=0 status="$(grep -o 'signal [0-9]*' "$tf" | tr ' ' '-' || echo failed)"
  fi
  local cpu rss_mb findings
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')"
  rss_mb="$(awk -v k="$rss" 'BEGIN{printf "%.0f", k / 1024}')"
  findings="$(grep -cE '^[^ :]+\.go:[0-9]+(:[0-9]+)?: ' "$log" || true)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$kind" "$nmods" "$files" "$mb" "$n" \
    "$wall" "$cpu" "$rss_mb" "$findings" "$status" "$load" >>"$work/tsv"
  printf '%-10s %-8s %3s modules %8s MB  threads %s  wall %7ss  cpu %7ss  rss %6s MB  findings %5s  exit %s  load %s\n' \
    "$label" "$kind" "$nmods" "$mb" "$n" "$wall" "$cpu" "$rss_mb" "$findings" "$status" "$load" >&2
  grep -v '^gotrap: ' "$work/err" | head -n 5 >&2 || true
}

for share in 8 4 2 1; do
  label="1/$share"; [[ $share == 1 ]] && label=all
  awk -F'\t' -v budget="$(awk -v t="$total" -v s="$share" 'BEGIN{printf "%.0f", t / s}')" \
    '$3 + sum <= budget {sum += $3; print}' "$work/mods" >"$work/subset"
  if [[ ! -s "$work/subset" ]]; then
    echo "subset $label: no module fits in 1/$share of the corpus; not measured" >&2
    continue
  fi
  for n in $threads; do run "$label" subset "$work/subset" "$n"; done
done
while IFS= read -r line; do
  printf '%s\n' "$line" >"$work/one"
  for n in $threads; do run "$(cut -f1 "$work/one" | sed 's/@.*//' | awk -F/ '{print ($NF ~ /^v[0-9]+$/) ? $(NF-1) "/" $NF : $NF}')" separate "$work/one" "$n"; done
done <"$work/sep"
printf '# load_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/tsv"

mkdir -p "$(dirname "$out_tsv")"
cp "$work/tsv" "$out_tsv"
echo "wrote $out_tsv" >&2
plot "$out_tsv" "$out_png"
table "$out_tsv"
