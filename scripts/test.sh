#!/usr/bin/env bash
# README command 2: install what is missing (the differential tests' real
# package managers included), build the release and the sanitizer flavours,
# and run every test in both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --oracles
status=0
echo "== style: clang-format"
scripts/check-format.sh || status=1
scripts/build.sh release
echo "== style: clang-tidy (.clang-tidy)"
scripts/check-tidy.sh build/release || status=1
scripts/build.sh asan
jobs=$(nproc)
echo "== tests: release build"
ctest --test-dir build/release --output-on-failure -j "$jobs" || status=1
echo "== tests: ASan+UBSan build"
# The comparisons with apt-get on the full bookworm snapshot spend their time
# in apt-get (seconds a case), not in our code, the diff oracles over
# LOCI's 11 dates and five projects' branches plan hundreds of file pairs, and
# the diff of the bundled data against the full snapshot parses 66.5k
# packages cold (six minutes under ASan): they run in the release build above. The sanitizer build runs everything
# else: the same apt-get comparisons on the small noble data, the purge
# property tests on bookworm, and the other diff tests.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
apt_get_bound='(InstallAgainstApt|PurgeAgainstApt|ServicePlanAgainstApt.InstallAndPurgeSetsAreApts)'
release_only="$apt_get_bound|LociDatesDiffTest|ProjectDiffTest.DiffIsTheDifference|DistroDiffTest.BundledDataAgainstTheFullSnapshot"
ctest --test-dir build/asan --output-on-failure -j "$jobs" -E "$release_only" || status=1
ctest --test-dir build/asan --output-on-failure -j "$jobs" -R "$apt_get_bound.*noble" || status=1
echo "== fuzz: each libFuzzer target briefly (docs/fuzzing.md)"
scripts/fuzz.sh 15 || status=1
echo "== skipped tests (with their reasons) are listed above as 'Skipped'"
exit $status
