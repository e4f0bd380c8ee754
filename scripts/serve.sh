#!/usr/bin/env bash
# Sets up, builds the web app (CMake preset `web`) and serves build/web/dist on http://127.0.0.1:8080.
#   PASSERELLE_PORT=8081 bash scripts/serve.sh    to use another port
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
mkdir -p build
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset web >build/configure-web.log 2>&1 || { cat build/configure-web.log; echo "serve: la configuration CMake (preset web) a échoué" >&2; exit 1; }
cmake --build --preset web -j "$jobs" || { echo "serve: la construction de l'application web a échoué" >&2; exit 1; }

port=${PASSERELLE_PORT:-8080}
echo
echo "Ouvrez http://127.0.0.1:$port/ dans Chromium (ou tout navigateur récent)."
exec node web/serve.mjs --root build/web/dist --port "$port"
