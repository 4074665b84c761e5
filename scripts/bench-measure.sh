# Shared timing helper for the benchmark scripts (sourced, not run).
#
# measure [-n N] LABEL CMD...   runs CMD N times (default $REPEAT, else 3) and prints the median wall
#   time, the median CPU time (user+sys: steadier than wall when other work loads the machine) and
#   the median peak RSS, via /usr/bin/time. The median wall time is left in $LAST (for ratios), the
#   median CPU time in $LAST_CPU. Before each run the function `before_run` is called if defined
#   (e.g. to remove the previous output). Needs $WORK (scratch directory).
LAST=0
LAST_CPU=0
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
measure() {
  local n=${REPEAT:-3}
  if [ "$1" = -n ]; then n=$2; shift 2; fi
  local label=$1; shift
  local walls=() rss=() cpus=()
  for _ in $(seq "$n"); do
    if declare -F before_run >/dev/null; then before_run; fi
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" \
      || { echo "$label FAILED"; cat "$WORK/stderr.txt"; return 1; }
    read -r secs kb user sys < "$WORK/time.txt"
    walls+=("$secs"); rss+=("$((kb / 1024))"); cpus+=("$(awk "BEGIN{print $user + $sys}")")
  done
  LAST=$(printf "%s\n" "${walls[@]}" | median)
  LAST_CPU=$(printf "%s\n" "${cpus[@]}" | median)
  local mb; mb=$(printf "%s\n" "${rss[@]}" | median)
  printf "%-48s %8.2f s wall %7.2f s cpu %6d MB   (walls: %s)\n" "$label" "$LAST" "$LAST_CPU" "$mb" "${walls[*]}"
}
ratio() { awk "BEGIN{printf \"%.1f\", $1 / $2}"; }
