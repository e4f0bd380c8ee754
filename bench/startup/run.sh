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
start=$(date +%s.%N)
cmake --preset web -B "$out" >/dev/null
cmake --build "$out" -j 2 >/dev/null
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
node bench/startup/startup.mjs --dist "$out/dist" --build-seconds "$seconds" --json build/bench/startup.json
