#!/bin/sh
# Whole-process `locidep plan` of every catalogue service for debian-bookworm,
# from a warm .solv cache: on the bundled closure and on the full bookworm
# snapshot (three indexes, 66.5k packages, minbase status).
#
#   bench/run_plan_bench.sh LOCIDEP_BINARY SHARED_DIR [RUNS]
#
# Writes bench/results/plan-<date>.txt and prints it. Medians of RUNS (9).
set -eu
locidep=$1
shared=$2
runs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
snapshot="$shared/snapshots/debian-bookworm"
work=$(mktemp -d /tmp/locidep-plan-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

. "$here/measure.sh"

warm() {  # label command...: fill the cache once, then measure
  label=$1; shift
  "$@" >/dev/null 2>&1
  measure "$label" "$@"
}

bundled=$(warm bundled "$locidep" plan --distro debian-bookworm --format json --cache-dir "$work/cache")
full=$(warm full-snapshot "$locidep" plan --distro debian-bookworm --format json --cache-dir "$work/cache" \
  --repo "$snapshot/bookworm_main_binary-amd64_Packages.xz" \
  --repo "$snapshot/bookworm-updates_main_binary-amd64_Packages.xz" \
  --repo "$snapshot/bookworm-security_main_binary-amd64_Packages.xz" \
  --base-status "$snapshot/minbase-status")

mkdir -p "$here/results"
out="$here/results/plan-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "# locidep plan (all services, debian-bookworm, warm cache); $runs runs each, median wall and CPU, max peak RSS"
  echo "# $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "data wall_s cpu_s peak_rss_mb"
  echo "$bundled"
  echo "$full"
} | tee "$out"
