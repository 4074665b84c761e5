#!/usr/bin/env bash
# Batch engine benchmark (release build), the three figures of the Batch issue:
#  1. bookkeeping: 10,000 no-op `synthetic` jobs (thread isolation) on 2 workers — wall time of
#     `batch run` / 10,000 = the engine's cost per job (claim transaction, result commit, progress);
#  2. resume after kill -9: a 10,000-job run is killed (SIGKILL) after 1 s, then restarted; the
#     restarted run reports when its first result was committed, counted from process start;
#  3. the seed-000 workload: 4 erosion scenarios on a 1000×1000 fractal DEM through the batch engine
#     (erosion-scenario kind), on 1 worker (the seed's 20 s claim is sequential) and on 2.
#   scripts/bench-batch.sh        env: GEOTOOL (prebuilt binary), REPS (default 3), BENCH_DIR
# Prints a table; figures go into docs/PERFORMANCE.md ("Batch") by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-out/bench-batch}
REPS=${REPS:-3}
rm -rf "$WORK"; mkdir -p "$WORK"
if [ -n "${GEOTOOL:-}" ]; then G=$GEOTOOL; else
  swift build -c release --product geotool >/dev/null
  G="$(swift build -c release --show-bin-path)/geotool"
fi
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'name: noop\nkind: synthetic\nisolation: thread\nparameters:\n  x: {sweep: {start: 1, stop: 10000, num: 10000}}\n' > "$WORK/noop.yaml"

echo "1. 10,000 no-op jobs, 2 workers (median of $REPS)"
for r in $(seq "$REPS"); do
  run="$WORK/noop-$r"
  "$G" batch submit "$WORK/noop.yaml" --run-dir "$run" > /dev/null
  t0=$(now); "$G" batch run "$run" --jobs 2 --no-progress 2> "$WORK/noop-$r.log"; t1=$(now)
  grep -q "10000 completed" "$WORK/noop-$r.log" || { cat "$WORK/noop-$r.log"; exit 1; }
  echo "$t0 $t1" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 / 10000 }'
done | median | awk '{ printf "   %.3f ms per job (bookkeeping, process start included)\n", $1 }'

echo "2. resume after kill -9 (median of $REPS)"
for r in $(seq "$REPS"); do
  run="$WORK/kill-$r"
  "$G" batch submit "$WORK/noop.yaml" --run-dir "$run" > /dev/null
  "$G" batch run "$run" --jobs 2 --no-progress 2> /dev/null & pid=$!
  sleep 1; kill -9 "$pid"; wait "$pid" 2> /dev/null || true
  "$G" batch run "$run" --jobs 2 --no-progress 2> "$WORK/kill-$r.log"
  grep -q "requeued from a dead run" "$WORK/kill-$r.log" || { echo "   (run $r: no job was running at the kill)" >&2; }
  sed -n 's/.*first result \([0-9.]*\) s after process start.*/\1/p' "$WORK/kill-$r.log"
done | median | awk '{ printf "   first result %.3f s after the restarted process started\n", $1 }'
"$G" batch status "$WORK/kill-1" --json | grep -q '"COMPLETED" : 10000\|"COMPLETED":10000' || "$G" batch status "$WORK/kill-1"

echo "3. seed 000: 4 erosion scenarios on a 1000×1000 DEM"
"$G" erosion make-dem "$WORK/dem1000.tif" --size 1000 2> /dev/null
cat > "$WORK/erosion4.yaml" <<SPEC
name: seed000
kind: erosion-scenario
inputs: {dem: $WORK/dem1000.tif}
parameters:
  name: {list: [baseline, high_rainfall, low_vegetation, extreme]}
  multiply_R: {list: [1, 1.5, 1, 2]}
  multiply_C: {list: [1, 1, 2, 3]}
isolation: thread
SPEC
for w in 1 2; do
  for r in $(seq "$REPS"); do
    run="$WORK/erosion-$w-$r"
    "$G" batch submit "$WORK/erosion4.yaml" --run-dir "$run" > /dev/null
    t0=$(now); "$G" batch run "$run" --jobs "$w" --no-progress 2> "$WORK/erosion-$w-$r.log"; t1=$(now)
    grep -q "4 completed" "$WORK/erosion-$w-$r.log" || { cat "$WORK/erosion-$w-$r.log"; exit 1; }
    echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
  done | median | awk -v w="$w" '{ printf "   %d worker(s): %.2f s wall (terrain derived once, shared by the workers; 3 GeoTIFFs per scenario written)\n", w, $1 }'
done
