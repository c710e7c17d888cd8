# Shared by the whole-process benchmarks (sourced, POSIX sh).
#
#   measure LABEL COMMAND...       runs COMMAND $runs times through measure.py and
#                                  prints "LABEL median_wall_s median_cpu_s max_rss_mb".
#   measure_once LABEL COMMAND...  one run of COMMAND, recorded under LABEL;
#   summary LABEL                  then prints LABEL's line as measure does.
# measure_once lets a script interleave its commands round by round (A B C,
# A B C, …): on a shared machine whose speed drifts for seconds at a time, a
# slow spell then falls on every command alike instead of on one command's
# whole batch, and the ratios stay honest.
# Uses $here (bench folder), $work (scratch folder) and $runs; before each
# run it evaluates $before_each when set (a cold run empties its cache), and
# accepts the exit status $expect_rc (default 0: dnf --assumeno exits 1).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure_once() {
  label=$1; shift
  [ -n "${before_each:-}" ] && eval "$before_each"
  out=$(python3 "$here/measure.py" "$@")
  echo "$out" | awk '{print $1}' >> "$work/$label.times"
  echo "$out" | awk '{print $2}' >> "$work/$label.rss"
  echo "$out" | awk '{print $4}' >> "$work/$label.cpu"
  rc=$(echo "$out" | awk '{print $3}')
  [ "$rc" = "${expect_rc:-0}" ] || { echo "$label: command failed ($rc): $*" >&2; exit 1; }
}

summary() {
  label=$1
  echo "$label $(median < "$work/$label.times") $(median < "$work/$label.cpu") $(sort -n "$work/$label.rss" | tail -1)"
}

measure() {
  label=$1; shift
  rm -f "$work/$label.times" "$work/$label.rss" "$work/$label.cpu"
  i=0
  while [ "$i" -lt "$runs" ]; do
    measure_once "$label" "$@"
    i=$((i + 1))
  done
  summary "$label"
}
