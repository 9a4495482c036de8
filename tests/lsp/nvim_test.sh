#!/bin/sh
# Runs nvim_test.lua in headless Neovim on a copy of the examples module; checks the file on disk
# is untouched (the server and the test only edit the buffer).
# usage: nvim_test.sh GOTRAP SOURCE_DIR
set -eu
gotrap=$1
src=$2
command -v nvim >/dev/null 2>&1 || { echo "nvim not installed (scripts/deps.txt lists neovim)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$src/examples" "$work/examples"
before=$(cat "$work/examples/visits/queue.go")
GOTRAP=$gotrap MODULE=$work/examples HOME=$work XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data \
  timeout 60 nvim --headless --clean -c "luafile $(dirname "$0")/nvim_test.lua" </dev/null
after=$(cat "$work/examples/visits/queue.go")
[ "$before" = "$after" ] || { echo "FAIL: visits/queue.go changed on disk" >&2; exit 1; }
echo "ok: file on disk unchanged"
