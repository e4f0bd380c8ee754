#!/usr/bin/env bash
# Sets up, builds and runs every test of Passerelle: native doctest + CLI, the same core tests as wasm under
# node, then the browser end-to-end tests in headless Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/setup.sh || exit 1
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc 2>/dev/null || echo 2)

passed=0
failed=0
stage_failed=()
log_dir="$root/build/test-logs"
mkdir -p "$log_dir"

# Adds the counts from ctest's summary ("… tests failed out of N") in log $2 to the totals.
count_ctest() {
  local line total bad
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.*tests passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  passed=$((passed + total - bad)); failed=$((failed + bad))
}

stage() { # name, then the command
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  if ! "$@"; then stage_failed+=("$name"); return 1; fi
}

run_ctest_preset() { # preset
  local log="$log_dir/ctest-$1.log"
  ctest --preset "$1" -j "$jobs" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_ctest "$log"
  return "$rc"
}

build_preset() { cmake --preset "$1" >"$log_dir/configure-$1.log" 2>&1 || { cat "$log_dir/configure-$1.log"; return 1; }
                 cmake --build --preset "$1" -j "$jobs"; }

stage "native: build" build_preset native && stage "native: tests" run_ctest_preset native
stage "wasm: build" build_preset web-tests && stage "wasm: tests (node)" run_ctest_preset web-tests
if stage "web app: build" build_preset web; then
  node_tests=$(ls tests/interop/*.test.mjs tests/e2e/*.test.mjs 2>/dev/null)
  if [ -n "$node_tests" ]; then
    e2e_log="$log_dir/e2e.log"
    printf '\n=== node: interop (npm jose, canonicalize) and browser end-to-end tests (headless Chromium)\n'
    # shellcheck disable=SC2086
    node --test --test-concurrency=1 $node_tests 2>&1 | tee "$e2e_log"
    rc=${PIPESTATUS[0]}
    p=$(grep -E '^# pass [0-9]+' "$e2e_log" | tail -1 | awk '{print $3}')
    f=$(grep -E '^# fail [0-9]+' "$e2e_log" | tail -1 | awk '{print $3}')
    c=$(grep -E '^# cancelled [0-9]+' "$e2e_log" | tail -1 | awk '{print $3}')
    f=$(( ${f:-0} + ${c:-0} )) # a cancelled test (its hook timed out) did not pass either
    passed=$((passed + ${p:-0})); failed=$((failed + f))
    if [ "$rc" != 0 ]; then stage_failed+=("node: interop and end-to-end tests"); [ "${f:-0}" = 0 ] && failed=$((failed + 1)); fi
  fi
else
  failed=$((failed + 1))
fi
# A stage that failed before reporting counts (a build error) still counts as a failure.
for s in "${stage_failed[@]}"; do case "$s" in *build*) failed=$((failed + 1));; esac; done

echo
if [ ${#stage_failed[@]} -gt 0 ]; then echo "Étapes en échec : ${stage_failed[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#stage_failed[@]} = 0 ]
