#!/bin/sh
# TEM1D benchmark: `geotool tem1d run` (release build) vs empymod on the same random central-loop models.
# Models: 2-6 layers, rho log-uniform 1-1000 ohm.m, h log-uniform 1-100 m, a = 20 m, H = 0, 30 gates 1e-6..1e-2 s
# (written by scripts/bench_tem1d_empymod.py into one CSV; fewer-layer models leave trailing cells empty).
#
#   scripts/bench-tem1d.sh [N=10000] [EMPYMOD_N=200]
#
# Second part (issue 23): dual-moment SkyTEM soundings — both moments of fixtures/tem1d/skytem.yaml (the two GA-AEM
# system files: all windows, receiver filters, bipolar repetition), random 3-5-layer earths (rho log-uniform 1-1000
# ohm.m, h log-uniform 2-60 m, stdlib random, seed 23), loop at 30 m: `geotool tem1d run` soundings/s per JOBS, then,
# if empymod is importable, the frequency-domain reference (scripts/tem1d_instrument_reference.py --bench) on
# DUAL_EMPYMOD_N of the same models (s per sounding). SimPEG is not timed here (not installed by this script).
# Env: DUAL_N (default 10000), DUAL_EMPYMOD_N (default 10), PARTS ("idealised dual", default both).
#
# Env: GEOTOOL   the geotool binary (default: the release build, `swift build -c release --show-bin-path`,
#                built if missing; SWIFT_SCRATCH=DIR adds --scratch-path DIR)
#      JOBS      worker counts to time (default "1 2")
#      PYTHON    (default python3; needs numpy + empymod for the empymod part, skipped if empymod is missing)
# Prints wall-clock models/s of one `geotool tem1d run` over all models (process start, CSV parsing and NPY
# writing included; best of REPEAT=3 runs) and its CPU time per worker count, checks that the outputs are byte-identical across worker counts, then times empymod.
# If the TEM1DBench micro-benchmark is built (`swift build -c release --product TEM1DBench`; or TEM1DBENCH=path),
# it first prints the library's models per thread-CPU-second (1 thread, same model distribution, insensitive to
# load from other processes).
set -eu
N=${1:-10000}
EN=${2:-200}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
helper="$here/bench_tem1d_empymod.py"
PY=${PYTHON:-python3}
JOBS=${JOBS:-1 2}
if [ -z "${GEOTOOL:-}" ]; then
  bindir=$(cd "$repo" && swift build -c release ${SWIFT_SCRATCH:+--scratch-path "$SWIFT_SCRATCH"} --show-bin-path)
  [ -x "$bindir/geotool" ] || (cd "$repo" && swift build -c release ${SWIFT_SCRATCH:+--scratch-path "$SWIFT_SCRATCH"} --product geotool)
  GEOTOOL="$bindir/geotool"
fi
PARTS=${PARTS:-idealised dual}
bench="${TEM1DBENCH:-$(dirname "$GEOTOOL")/TEM1DBench}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
dual() {
  DN=${DUAL_N:-10000}
  $PY - "$tmp/dual.csv" "$DN" <<'PYEOF'
import random, sys
rng = random.Random(23)
with open(sys.argv[1], "w") as f:
    f.write(",".join([f"rho_{i}" for i in range(1, 6)] + [f"thk_{i}" for i in range(1, 5)]) + "\n")
    for _ in range(int(sys.argv[2])):
        k = rng.randint(3, 5)
        rho = [repr(10 ** (3 * rng.random())) for _ in range(k)] + [""] * (5 - k)
        thk = [repr(10 ** (0.3 + 1.48 * rng.random())) for _ in range(k - 1)] + [""] * (5 - k)
        f.write(",".join(rho + thk) + "\n")
PYEOF
  echo "== dual-moment SkyTEM: geotool tem1d run ($DN soundings, both moments, 39 windows, filters, repetition, H = 30 m; load: $(uptime | sed 's/.*load average/load average/'))"
  for j in $JOBS; do
    rm -rf "$tmp/dual.$j.npy"*
    t0=$(now)
    "$GEOTOOL" tem1d run --models "$tmp/dual.csv" --system "$repo/fixtures/tem1d/skytem.yaml" --height 30 \
      --out "$tmp/dual.$j.npy" --jobs "$j" 2> /dev/null
    t1=$(now)
    echo "$DN $t0 $t1 $j" | awk '{ printf "geotool tem1d run --jobs %d: %.2f s wall = %.0f dual-moment soundings/s\n", $4, $3 - $2, $1 / ($3 - $2) }'
  done
  if $PY -c 'import empymod, scipy' 2> /dev/null; then
    (cd "$repo" && $PY scripts/tem1d_instrument_reference.py --bench "$tmp/dual.csv" --count "${DUAL_EMPYMOD_N:-10}" --height 30)
  else
    echo "== empymod/scipy not installed: the frequency-domain reference timing is skipped"
  fi
}
case " $PARTS " in *" idealised "*) ;; *) dual; exit 0 ;; esac
if [ -x "$bench" ]; then
  echo "== TEM1D library, 1 thread ($bench)"
  "$bench" --n 2000
fi
cat > "$tmp/system.yaml" <<'YAML'
loop_radius: 20.0
height: 0.0
times:
  logspace: {start: 1.0e-6, stop: 1.0e-2, num: 30}
YAML
files=$($PY "$helper" --write-models "$tmp/models" --count "$N")
echo "== geotool tem1d run ($N models, $(basename "$GEOTOOL") at $GEOTOOL; load: $(uptime | sed 's/.*load average/load average/'))"
first=""
REPEAT=${REPEAT:-3}
for j in $JOBS; do
  best=""
  for r in $(seq "$REPEAT"); do
    for f in $files; do rm -rf "$tmp/out.$j.$(basename "$f" .csv).npy"*; done
    t0=$(now)
    for f in $files; do
      /usr/bin/time -f "%U %S" -o "$tmp/cpu.txt" "$GEOTOOL" tem1d run --models "$f" --system "$tmp/system.yaml" \
        --out "$tmp/out.$j.$(basename "$f" .csv).npy" --jobs "$j" 2> /dev/null
    done
    t1=$(now)
    line=$(echo "$N $t0 $t1 $(cat "$tmp/cpu.txt")" | awk '{ printf "%.3f %.0f %.2f", $3 - $2, $1 / ($3 - $2), $4 + $5 }')
    if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{ print ($1 < $4) }')" = 1 ]; then best=$line; fi
  done
  echo "$best $j" | awk '{ printf "geotool tem1d run --jobs %d: %.2f s wall = %.0f models/s (best of '"$REPEAT"'), %.2f CPU-s\n", $4, $1, $2, $3 }'
  if [ -z "$first" ]; then first=$j; else
    for f in $files; do
      b=$(basename "$f" .csv)
      cmp -s "$tmp/out.$first.$b.npy" "$tmp/out.$j.$b.npy" || { echo "outputs differ: --jobs $first vs $j ($b)" >&2; exit 1; }
    done
    echo "outputs of --jobs $first and --jobs $j are byte-identical"
  fi
done
if $PY -c 'import empymod' 2> /dev/null; then
  echo "== empymod ($EN of the same models, Pool(2); 12-segment polygon loop, for timing only)"
  $PY "$helper" --count "$EN" --workers 2
else
  echo "== empymod not installed (pip install empymod): skipped"
fi
case " $PARTS " in *" dual "*) dual ;; esac
