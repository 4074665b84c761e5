#!/usr/bin/env bash
# Plot benchmark: geotool (release build) vs matplotlib (Agg) on the same inputs, in the same run.
#   1000×1000 map with colorbar · 2,000-point scatter with metrics · 100 scatter PNGs on 2 workers
#   (geotool plot batch --jobs 2 vs Python multiprocessing Pool(2)).
# Each case: best of REPS runs, wall clock and CPU time (user+sys, all threads/processes), process
# start included; matplotlib is also timed in-process (warm, import excluded) for the two single plots.
# Needs python3 with matplotlib (pip install matplotlib). GEOTOOL=path overrides the binary;
# SCRATCH=dir builds with --scratch-path dir.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}
if [ -z "${GEOTOOL:-}" ]; then
  swift build -c release ${SCRATCH:+--scratch-path "$SCRATCH"} >&2
  GEOTOOL="$(swift build -c release ${SCRATCH:+--scratch-path "$SCRATCH"} --show-bin-path)/geotool"
fi
python3 -c "import matplotlib" 2>/dev/null || { echo "bench-plot: pip install matplotlib first" >&2; exit 1; }
DIR=$(mktemp -d /tmp/bench-plot.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
PY="python3 scripts/bench_plot.py"
$PY make "$DIR/in"
t() { $PY time "$REPS" "$@"; }   # prints "wall cpu"

g_map=$(t - -- "$GEOTOOL" plot map "$DIR/in/dem.bin" -o "$DIR/g_map.png" --label "Elevation (m)")
p_map=$(t - -- $PY map "$DIR/in" "$DIR/p_map.png")
g_sc=$(t - -- "$GEOTOOL" plot scatter "$DIR/in/scatter.csv" --x observed --y predicted -o "$DIR/g_sc.png" --width 640)
p_sc=$(t - -- $PY scatter "$DIR/in" "$DIR/p_sc.png")
g_b=$(t "$DIR/gb" -- "$GEOTOOL" plot batch "$DIR/in/batch.csv" --by site,variable --kind scatter --x observed \
      --y predicted --out "$DIR/gb" --jobs 2 --width 640)
p_b=$(t "$DIR/pb" -- $PY batch "$DIR/in" "$DIR/pb")
g_start=$(t - -- "$GEOTOOL" --version)
p_start=$(t - -- python3 -c "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot")
inproc=$($PY inprocess "$DIR/in" "$DIR/warm")
[ "$(ls "$DIR/gb"/*.png | wc -l)" = 100 ] && [ "$(ls "$DIR/pb"/*.png | wc -l)" = 100 ] \
  || { echo "bench-plot: a batch did not write 100 PNGs" >&2; exit 1; }

f() { python3 - "$@" <<'PYEOF'
import sys
name, g, p, ip = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split() if len(sys.argv) > 4 else None
gw, gc, pw, pc = map(float, g + p)
row = "| %s | %.3f s / %.3f s | %.3f s / %.3f s | %.1f× / %.1f× |" % (name, gw, gc, pw, pc, pw / gw, pc / gc)
if ip:
    iw, ic = map(float, ip)
    row += " %.3f s / %.3f s | %.1f× / %.1f× |" % (iw, ic, iw / gw, ic / gc)
else:
    row += " – | – |"
print(row)
PYEOF
}
echo "geotool: $GEOTOOL · $(nproc) cores · load $(cut -d' ' -f1-3 /proc/loadavg) · matplotlib $(python3 -c 'import matplotlib; print(matplotlib.__version__)')"
echo
echo "| case (wall / CPU, best of $REPS) | geotool | matplotlib (process) | speed-up | matplotlib in-process, warm | speed-up |"
echo "|---|---|---|---|---|---|"
f "1000×1000 map + colorbar → 800×600 PNG" "$g_map" "$p_map" "$(echo "$inproc" | awk '/inprocess map/ {print $3, $4}')"
f "2,000-point scatter + 1:1/fit lines + metrics" "$g_sc" "$p_sc" "$(echo "$inproc" | awk '/inprocess scatter/ {print $3, $4}')"
f "100 scatter PNGs (500 pts each) + summary, 2 workers" "$g_b" "$p_b"
f "process start only (geotool --version / python import pyplot)" "$g_start" "$p_start"
