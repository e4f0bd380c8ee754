#!/usr/bin/env bash
# Startup benchmark: clean build time of the web app, then size, first frame and idle frames in Chromium.
# Builds into build/bench-startup (never touches build/web); results also in build/bench/startup.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
out=build/bench-startup
rm -rf "$out"
# Wall-clock and CPU time (user + sys of every compiler process): on a shared machine the second
# says more about the build itself than the first.
load_before=$(cut -d' ' -f1 /proc/loadavg)
TIMEFORMAT='%R %U %S'
t=$( { time { cmake --preset web -B "$out" >/dev/null && cmake --build "$out" -j 2 >/dev/null; } ; } 2>&1 )
read -r wall user sys <<<"$t"
cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
node bench/startup/startup.mjs --dist "$out/dist" --build-seconds "$wall" --build-cpu-seconds "$cpu" \
  --load "$load_before" --json build/bench/startup.json
