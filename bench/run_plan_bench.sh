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

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {  # label command...
  label=$1; shift
  "$@" >/dev/null 2>&1  # fills the cache
  : > "$work/times"; : > "$work/rss"; : > "$work/cpu"
  i=0
  while [ "$i" -lt "$runs" ]; do
    out=$(python3 "$here/measure.py" "$@")
    echo "$out" | awk '{print $1}' >> "$work/times"
    echo "$out" | awk '{print $2}' >> "$work/rss"
    echo "$out" | awk '{print $4}' >> "$work/cpu"
    rc=$(echo "$out" | awk '{print $3}')
    [ "$rc" = 0 ] || { echo "$label: command failed ($rc): $*" >&2; exit 1; }
    i=$((i + 1))
  done
  echo "$label $(median < "$work/times") $(median < "$work/cpu") $(sort -n "$work/rss" | tail -1)"
}

bundled=$(measure bundled "$locidep" plan --distro debian-bookworm --format json --cache-dir "$work/cache")
full=$(measure full-snapshot "$locidep" plan --distro debian-bookworm --format json --cache-dir "$work/cache" \
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
