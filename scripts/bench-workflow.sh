#!/usr/bin/env bash
# Workflow engine benchmark (release build), the figures of the workflow issue:
#  1. bookkeeping: a 10,000-job 3-stage workflow of no-op `synthetic` jobs (thread isolation) on 2 workers:
#     a (3,334 jobs) → b (3,333, barrier on a, each referring to ${a.results.value} of job i … per item) →
#     c (3,333, per item on b); wall time of `workflow run` / 10,000 = the cost per job (claim, commit,
#     release of its dependents, reference resolution);
#  2. resume after kill -9: the same workflow killed (SIGKILL) after 1 s, restarted; the restarted run's
#     first result, counted from process start;
#  3. dependency release of a 10,000-job stage after its barrier: a 1-job stage, then 10,000 jobs needing
#     it. The release runs inside the transaction that completes the
#     barrier job, so the figure is the time from that job's completion (finished_at, taken when the
#     transaction starts) to the first dependent's start (started_at): release of all 10,000, commit, claim.
#   scripts/bench-workflow.sh        env: GEOTOOL (prebuilt binary), REPS (default 3), BENCH_DIR
# Prints a table; figures go into docs/PERFORMANCE.md ("Workflows") by hand. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-out/bench-workflow}
REPS=${REPS:-3}
N=${N:-10000}
rm -rf "$WORK"; mkdir -p "$WORK"
if [ -n "${GEOTOOL:-}" ]; then G=$GEOTOOL; else
  swift build -c release --product geotool >/dev/null
  G="$(swift build -c release --show-bin-path)/geotool"
fi
now() { date +%s.%N; }
. scripts/bench-measure.sh   # median
A=$(( (N + 2) / 3 )); B=$(( N / 3 )); C=$(( N - A - B ))
cat > "$WORK/three.yaml" <<SPEC
name: three
stages:
  a: {kind: synthetic, isolation: thread, max_jobs: $N, parameters: {x: {sweep: {start: 1, stop: $A, num: $A}}}}
  b: {kind: synthetic, isolation: thread, max_jobs: $N, needs: [a], parameters: {x: {sweep: {start: 1, stop: $B, num: $B}}}}
  c: {kind: synthetic, isolation: thread, max_jobs: $N, needs: {stage: b, per_item: true},
      parameters: {x: {sweep: {start: 1, stop: $C, num: $C}}, up: "\${b.results.value}"}}
SPEC
[ "$B" -eq "$C" ] || { echo "stage sizes b=$B c=$C differ; pick N divisible by 3 plus 1" >&2; exit 2; }

echo "1. $N-job 3-stage workflow, 2 workers (median of $REPS)"
for r in $(seq "$REPS"); do
  run="$WORK/three-$r"
  "$G" workflow submit "$WORK/three.yaml" --run-dir "$run" > /dev/null
  t0=$(now); "$G" workflow run "$run" --jobs 2 --no-progress 2> "$WORK/three-$r.log"; t1=$(now)
  grep -q "COMPLETED 100% of $N jobs" "$WORK/three-$r.log" || { cat "$WORK/three-$r.log"; exit 1; }
  echo "$t0 $t1" | awk -v n="$N" '{ printf "%.3f\n", ($2 - $1) * 1000 / n }'
done | median | awk '{ printf "   %.3f ms per job (bookkeeping and release, process start included)\n", $1 }'

echo "2. resume after kill -9 (median of $REPS)"
for r in $(seq "$REPS"); do
  run="$WORK/kill-$r"
  "$G" workflow submit "$WORK/three.yaml" --run-dir "$run" > /dev/null
  "$G" workflow run "$run" --jobs 2 --no-progress 2> /dev/null & pid=$!
  sleep 1; kill -9 "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true
  "$G" workflow run "$run" --jobs 2 --no-progress 2> "$WORK/kill-$r.log"
  grep -q "COMPLETED 100% of $N jobs" "$WORK/kill-$r.log" || { cat "$WORK/kill-$r.log"; exit 1; }
  sed -n 's/.*first result \([0-9.]*\) s after process start.*/\1/p' "$WORK/kill-$r.log"
done | median | awk '{ printf "   first result %.3f s after the restarted process started\n", $1 }'

echo "3. release of a $N-job stage after its barrier (median of $REPS)"
cat > "$WORK/fan.yaml" <<SPEC
name: fan
stages:
  gate: {kind: synthetic, isolation: thread, parameters: {x: 1}}
  many: {kind: synthetic, isolation: thread, max_jobs: $N, needs: [gate],
         parameters: {x: {sweep: {start: 1, stop: $N, num: $N}}}}
SPEC
for r in $(seq "$REPS"); do
  run="$WORK/fan-$r"
  "$G" workflow submit "$WORK/fan.yaml" --run-dir "$run" > /dev/null
  "$G" workflow run "$run" --jobs 2 --no-progress 2> /dev/null
  sqlite3 "$run/batch.sqlite" "SELECT (SELECT MIN(started_at) FROM jobs WHERE batch_id = 2) - (SELECT finished_at FROM jobs WHERE batch_id = 1);"
done | median | awk '{ printf "   %.3f s from the barrier job'"'"'s completion to the first dependent running (all released)\n", $1 }'
