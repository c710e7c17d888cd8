#!/bin/sh
# Differential test against bindep's real parser. Needs python3-parsley (Debian)
# and the driver: cmake --build BUILD --target parser_differential_driver
# Usage: tests/parser/differential/run.sh BUILD [SEEDS...]
set -eu
build=$1; shift
[ $# -gt 0 ] || set -- 1 2
here=$(cd "$(dirname "$0")" && pwd)
shared=${LOCIDEP_SHARED_DIR:-$here/../../../../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for seed in "$@"; do
  for gen in "gen_random.py $seed 20000" "gen_unicode.py $seed 20000" "gen_mutations.py $seed 20000 $shared $here/../../../fixtures"; do
    python3 "$here"/$gen
    /usr/bin/python3 "$here/oracle.py" cases.json oracle.json
    "$build/tests/parser/parser_differential_driver" cases.json ours.json
    python3 "$here/compare.py"
  done
done
