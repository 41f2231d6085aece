#!/usr/bin/env bash
# Stands up a local mesh of separate gridauth processes on loopback for trying things out:
# one introducer on a fixed port and N nodes that join through it. Ctrl-C stops them all.
#   bootstrap/local-mesh.sh [N=3] [BASE_DIR=./mesh] [PORT=4001]
set -euo pipefail
n=${1:-3}
base=${2:-./mesh}
port=${3:-4001}
here=$(cd "$(dirname "$0")/.." && pwd)
g="$here/bin/gridauth"
[ -f "$here/dist/src/cli/main.js" ] || (cd "$here" && npm run build --silent)
mkdir -p "$base"
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
[ -f "$base/introducer/identity.key" ] || "$g" --data "$base/introducer" init >/dev/null
intro_id=$("$g" --data "$base/introducer" id)
"$g" --data "$base/introducer" start --listen "/ip4/127.0.0.1/tcp/$port" > "$base/introducer.log" 2>&1 &
pids+=($!)
intro="/ip4/127.0.0.1/tcp/$port/p2p/$intro_id"
echo "introducer: $intro"
for i in $(seq 1 "$n"); do
  d="$base/node-$i"
  [ -f "$d/identity.key" ] || "$g" --data "$d" init >/dev/null
  "$g" --data "$d" start --listen /ip4/127.0.0.1/tcp/0 --bootstrap "$intro" > "$base/node-$i.log" 2>&1 &
  pids+=($!)
  echo "node-$i: $("$g" --data "$d" id)  (data: $d, log: $base/node-$i.log)"
done
sleep 2
echo
"$g" --data "$base/introducer" peers || true
echo
echo "inspect with: $g --data $base/introducer peers   (Ctrl-C stops the mesh)"
wait
