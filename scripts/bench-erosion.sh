#!/usr/bin/env bash
# Erosion benchmark (release build): `geotool erosion derive` vs pysheds and richdem on deterministic
# fractal DEMs with pits (1000² and 4000², made by the hidden `geotool erosion make-dem`), the cost of
# each extra RUSLE/USPED scenario at 1000², and peak RSS at 4000².
#   scripts/bench-erosion.sh    env: PY / RICHDEM_PY (Pythons with pysheds+rasterio / richdem), GEOTOOL (prebuilt binary),
#                               SIZES (default "1000 4000"), JOBS (default 2)
# Prints a table; figures go into docs/PERFORMANCE.md ("Erosion") by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-out/bench-erosion}
SIZES=${SIZES:-"1000 4000"}
JOBS=${JOBS:-2}
mkdir -p "$WORK"
if [ -n "${GEOTOOL:-}" ]; then G=$GEOTOOL; else
  swift build -c release >/dev/null
  G="$(swift build -c release --show-bin-path)/geotool"
fi
PY=${PY:-python3}
RICHDEM_PY=${RICHDEM_PY:-$PY}
if ! $PY -c "import pysheds, rasterio" 2>/dev/null; then
  $PY -m pip install -q pysheds rasterio "numpy<2" "pandas<2.3" || echo "pysheds unavailable: skipping the pysheds peer" >&2
fi
HAVE_PYSHEDS=0; $PY -c "import pysheds, rasterio" 2>/dev/null && HAVE_PYSHEDS=1
if ! $RICHDEM_PY -c "import richdem" 2>/dev/null; then
  $RICHDEM_PY -m pip install -q richdem >/dev/null 2>&1 || echo "richdem: pip install failed (no wheel, sdist does not build on this Python): skipping" >&2
fi
HAVE_RICHDEM=0; $RICHDEM_PY -c "import richdem, numpy" 2>/dev/null && HAVE_RICHDEM=1

# measure LABEL CMD...: wall seconds and peak RSS (MB) via /usr/bin/time; stderr kept in $WORK/stderr.txt.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >"$WORK/stdout.txt" 2>"$WORK/stderr.txt" || { echo "$label FAILED"; tail -3 "$WORK/stderr.txt"; return; }
  read -r secs kb < "$WORK/time.txt"
  local extra=""
  grep -q "^compute" "$WORK/stdout.txt" && extra="($(grep "^compute" "$WORK/stdout.txt") s)"
  printf "%-44s %8.2f s %8.0f MB  %s\n" "$label" "$secs" "$((kb / 1024))" "$extra"
}

for N in $SIZES; do
  DEM="$WORK/fractal_${N}.tif"
  [ -f "$DEM" ] || "$G" erosion make-dem "$DEM" --size "$N" --seed 42
  echo
  echo "derive, fractal DEM ${N}² Float32 (jobs $JOBS)"
  rm -rf "$WORK/derive_$N"
  measure "geotool erosion derive (read+all layers+write)" "$G" erosion derive "$DEM" --out "$WORK/derive_$N" --jobs "$JOBS"
  grep "timings" "$WORK/stderr.txt" | sed 's/^/    /'
  [ "$HAVE_PYSHEDS" = 1 ] && measure "pysheds fill/flats/flowdir/accumulation" $PY scripts/bench_erosion.py pysheds "$DEM"
  if [ "$HAVE_RICHDEM" = 1 ]; then
    $PY scripts/bench_erosion.py npy "$DEM" "$WORK/fractal_${N}.npy"
    measure "richdem fill/flats/accumulation(D8)" $RICHDEM_PY scripts/bench_erosion.py richdem "$WORK/fractal_${N}.npy"
  fi
done

N1=$(echo $SIZES | cut -d' ' -f1)
DEM="$WORK/fractal_${N1}.tif"
echo
echo "scenarios at ${N1}²: 1 vs 25 (grid: R×5 C×5), jobs 1"
printf 'base: {R: 500, K: 0.03, C: 0.2, P: 1.0}\n' > "$WORK/one.yaml"
printf 'base: {R: 500, K: 0.03, C: 0.2, P: 1.0}\ngrid: {R: [300, 400, 500, 600, 700], C: [0.1, 0.2, 0.3, 0.4, 0.5]}\n' > "$WORK/many.yaml"
rm -rf "$WORK/run1" "$WORK/run25"
measure "geotool erosion run, 1 scenario" "$G" erosion run "$DEM" --scenarios "$WORK/one.yaml" --out "$WORK/run1" --jobs 1
T1=$(cat "$WORK/time.txt" | cut -d' ' -f1)
grep "timings" "$WORK/stderr.txt" | sed 's/^/    /'
measure "geotool erosion run, 25 scenarios" "$G" erosion run "$DEM" --scenarios "$WORK/many.yaml" --out "$WORK/run25" --jobs 1
T25=$(cat "$WORK/time.txt" | cut -d' ' -f1)
grep "timings" "$WORK/stderr.txt" | sed 's/^/    /'
awk -v a="$T1" -v b="$T25" 'BEGIN { printf "extra scenario, end to end (incl. 3 GeoTIFF writes): %.1f ms\n", (b - a) / 24 * 1000 }'
echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
