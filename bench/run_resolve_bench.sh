#!/bin/sh
# Whole-process `locidep resolve` on the full bookworm snapshot, cold (no
# .solv cache: decode and parse the indexes) and warm (from the cache),
# against `apt-get -s install` on the same input, in one run.
#
#   bench/run_resolve_bench.sh LOCIDEP_BINARY SHARED_DIR [RUNS]
#
# Both read the same files: apt's own lz4 lists made by `apt-get update` of
# the private file: repository (tests/solver/apt_oracle.sh). Writes
# bench/results/resolve-<date>.txt and prints it. Medians of RUNS (9).
set -eu
locidep=$1
shared=$2
runs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
snapshot="$shared/snapshots/debian-bookworm"
work=$(mktemp -d /tmp/locidep-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$here/../tests/solver/apt_oracle.sh" setup "$snapshot" "$work/oracle"
: > "$work/ext"
lists="$work/oracle/apt/lists"
status="$snapshot/minbase-status"
# LOCI's compile step: the build dependencies of a Python service.
packages="build-essential python3-dev libffi-dev libssl-dev libxml2-dev libpq-dev pkg-config git patch python3-venv sudo"

. "$here/measure.sh"

resolve="$locidep resolve --distro debian-bookworm --repo $lists --base-status $status --cache-dir $work/cache"
cold=$(before_each='rm -rf "$work/cache"' measure cold $resolve $packages)
"$locidep" resolve --distro debian-bookworm --repo "$lists" --base-status "$status" --cache-dir "$work/cache" $packages >/dev/null
warm=$(measure warm $resolve $packages)
aptget=$(measure apt-get "$here/../tests/solver/apt_oracle.sh" apt-get "$work/oracle" "$status" "$work/ext" \
  install --no-install-recommends $packages)

mkdir -p "$here/results"
out="$here/results/resolve-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "# locidep resolve vs apt-get -s install; $runs runs each, median wall time, max peak RSS"
  echo "# request: $packages"
  echo "# input: apt lists (lz4) of the bookworm snapshot, base minbase-status; $(nproc) cores"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "what wall_s cpu_s peak_rss_mb"
  echo "$cold"; echo "$warm"; echo "$aptget"
  a=$(echo "$aptget" | awk '{print $2}'); ac=$(echo "$aptget" | awk '{print $3}')
  echo "$cold" | awk -v a="$a" -v c="$ac" '{printf "# cold: %.2fx apt-get wall time, %.2fx its CPU time\n", $2 / a, $3 / c}'
  echo "$warm" | awk -v a="$a" -v c="$ac" '{printf "# warm: %.1fx faster than apt-get (wall), %.1fx (CPU)\n", a / $2, c / $3}'
} | tee "$out"
