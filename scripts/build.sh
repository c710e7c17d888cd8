#!/usr/bin/env bash
# Configures and builds one flavour of locidep.
#   scripts/build.sh release   → build/release (optimised)
#   scripts/build.sh asan      → build/asan (AddressSanitizer + UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
case "$flavour" in
  release) options=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOCIDEP_SANITIZE=ON -DLOCIDEP_BENCH=OFF) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release|asan)" >&2; exit 2 ;;
esac
cmake -S . -B "build/$flavour" -G Ninja "${options[@]}" >/dev/null
cmake --build "build/$flavour" -j "$(nproc)"
