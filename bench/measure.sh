# Shared by the whole-process benchmarks (sourced, POSIX sh).
#
#   measure LABEL COMMAND...   runs COMMAND $runs times through measure.py and
#                              prints "LABEL median_wall_s median_cpu_s max_rss_mb".
# Uses $here (bench folder), $work (scratch folder) and $runs; before each
# run it evaluates $before_each when set (a cold run empties its cache), and
# accepts the exit status $expect_rc (default 0: dnf --assumeno exits 1).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {
  label=$1; shift
  : > "$work/times"; : > "$work/rss"; : > "$work/cpu"
  i=0
  while [ "$i" -lt "$runs" ]; do
    [ -n "${before_each:-}" ] && eval "$before_each"
    out=$(python3 "$here/measure.py" "$@")
    echo "$out" | awk '{print $1}' >> "$work/times"
    echo "$out" | awk '{print $2}' >> "$work/rss"
    echo "$out" | awk '{print $4}' >> "$work/cpu"
    rc=$(echo "$out" | awk '{print $3}')
    [ "$rc" = "${expect_rc:-0}" ] || { echo "$label: command failed ($rc): $*" >&2; exit 1; }
    i=$((i + 1))
  done
  echo "$label $(median < "$work/times") $(median < "$work/cpu") $(sort -n "$work/rss" | tail -1)"
}
