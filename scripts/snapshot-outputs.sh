#!/usr/bin/env bash
# Writes what locidep answers for a fixed set of questions into OUTDIR, one
# file per question (stdout, stderr and exit code), so that two builds can be
# compared byte for byte after a change that must not change behaviour:
#
#   scripts/snapshot-outputs.sh /tmp/before build-old/cli/locidep
#   scripts/snapshot-outputs.sh /tmp/after  build/release/cli/locidep
#   diff -r /tmp/before /tmp/after
#
# The questions: plans in every format on the three bundled distros and on
# the full bookworm snapshot, resolve answers, diffs between LOCI's dated
# files, why, lint and the catalogue. Caches go to a fresh folder, so every
# answer is a cold one; each plan is asked twice to compare with a warm one.
# The checkout's own path is written as ROOT, so checkouts in other folders
# (with shared/ beside each) can be compared.
set -uo pipefail
out=${1:?usage: snapshot-outputs.sh OUTDIR [LOCIDEP]}
root=$(cd "$(dirname "$0")/.." && pwd)
locidep=$(realpath "${2:-$root/build/release/cli/locidep}")
shared=${LOCIDEP_SHARED_DIR:-$root/../shared}
snapshot=$shared/snapshots/debian-bookworm
loci=$shared/corpus/loci
mkdir -p "$out"
out=$(realpath "$out")
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export LOCIDEP_CACHE_DIR=$cache

# ask NAME ARGS…: runs locidep ARGS… and keeps its answer as NAME.*
ask() {
  local name=$1
  shift
  (cd "$root" && "$locidep" "$@" >"$out/$name.out" 2>"$out/$name.err")
  echo $? >"$out/$name.rc"
  # Checkouts in other folders give the same answers: their paths are named ROOT.
  sed -i "s#$root#ROOT#g" "$out/$name.out" "$out/$name.err"
}

distros=(debian-bookworm centos-stream-9 opensuse-leap-15.6)
for distro in "${distros[@]}"; do
  for format in text json lock list dockerfile shell; do
    ask "plan-$distro-$format" plan --distro "$distro" --format "$format"
  done
  ask "plan-$distro-warm" plan --distro "$distro" --format json
  ask "plan-$distro-fluent" plan --distro "$distro" --profile fluent --format json
  ask "plan-$distro-nova-skip" plan --distro "$distro" --service nova --skip-unavailable \
    -f "$loci/bindep.txt@2026-03-25_3069ce1" --format json
  ask "why-$distro-nova-python3" why python3 --service nova --distro "$distro"
  ask "lint-$distro" lint "$loci/bindep.txt@2026-03-25_3069ce1" --distro "$distro" --format json
  ask "diff-$distro-loci" diff "$loci/bindep.txt@2023-07-11_ec70407" "$loci/bindep.txt@2026-03-25_3069ce1" \
    --distro "$distro" --format json
done
ask plan-full-snapshot plan --distro debian-bookworm --repo "$snapshot" \
  --base-status "$snapshot/minbase-status" --format lock
ask plan-full-snapshot-json plan --distro debian-bookworm --repo "$snapshot" \
  --base-status "$snapshot/minbase-status" --format json
ask resolve-full-snapshot resolve --distro debian-bookworm --repo "$snapshot" \
  --base-status "$snapshot/minbase-status" --purge gcc,make --format json python3 gcc make libvirt0
ask resolve-debian resolve --distro debian-bookworm --purge gcc python3-dev gcc libffi-dev
ask resolve-centos resolve --distro centos-stream-9 --purge gcc python3-devel gcc libffi-devel --format json
ask resolve-opensuse resolve --distro opensuse-leap-15.6 --purge gcc python3-devel gcc libffi-devel
ask resolve-centos-missing resolve --distro centos-stream-9 no-such-package
ask resolve-module resolve --distro centos-stream-9 --enable-module nginx:1.24 nginx
ask diff-full-snapshot diff "$loci/bindep.txt@2025-06-03_80e995b" "$loci/bindep.txt@2026-03-25_3069ce1" \
  --distro debian-bookworm --repo "$snapshot" --base-status "$snapshot/minbase-status" --format markdown
ask lint-all lint "$loci/bindep.txt@2026-03-25_3069ce1" --distro all
ask distros-text distros
ask distros-json distros --format json
ls "$out" | wc -l
