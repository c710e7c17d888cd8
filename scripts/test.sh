#!/usr/bin/env bash
# README command 2: install what is missing (the differential tests' real
# package managers included), build the release and the sanitizer flavours,
# and run every test in both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --oracles
scripts/build.sh release
scripts/build.sh asan
jobs=$(nproc)
status=0
echo "== tests: release build"
ctest --test-dir build/release --output-on-failure -j "$jobs" || status=1
echo "== tests: ASan+UBSan build"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
  ctest --test-dir build/asan --output-on-failure -j "$jobs" || status=1
echo "== skipped tests (with their reasons) are listed above as 'Skipped'"
exit $status
