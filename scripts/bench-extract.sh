#!/usr/bin/env bash
# Point extraction benchmark (release build): 2,000 points × 8 tiles of 1568×1568 Float32.
#   scripts/bench-extract.sh
# Peers on the same inputs: a Python loop over the points (pyproj transform + rasterio sample() per
# point, the seed's style), the same batched per tile, and
# gdallocationinfo fed all points of a tile on stdin. All three outputs are checked to hold
# identical values. Each run is repeated REPEAT times (default 3): median wall, CPU (user+sys) and peak
# RSS. Prints a table; figures go into docs/PERFORMANCE.md ("Extract") by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-out/bench-extract}
mkdir -p "$WORK"
SCRATCH=(${SWIFT_SCRATCH:+--scratch-path "$SWIFT_SCRATCH"})   # optional own build directory
swift build -c release --product geotool "${SCRATCH[@]}" >/dev/null
G="$(swift build -c release "${SCRATCH[@]}" --show-bin-path)/geotool"
PY=python3
$PY -c "import rasterio, pyproj, numpy" 2>/dev/null || pip install -q rasterio pyproj numpy
$PY scripts/bench_extract.py make "$WORK/tiles"
TILES=("$WORK"/tiles/tile*.tif)
cat "${TILES[@]}" > /dev/null   # warm the page cache

source scripts/bench-measure.sh   # measure: median wall / CPU / RSS of $REPEAT runs (default 3)

gdal_loop() {   # one gdallocationinfo per tile, all points on stdin → id,file,value
  echo "id,file,value"
  for t in "${TILES[@]}"; do
    tail -n +2 "$WORK/tiles/points.csv" | awk -F, '{print $2, $3}' \
      | gdallocationinfo -valonly -wgs84 "$t" \
      | paste -d, <(tail -n +2 "$WORK/tiles/points.csv" | cut -d, -f1) - \
      | awk -F, -v f="$(basename "$t")" '{v=$2; if (v=="nan") v=""; print $1 "," f "," v}'
  done
}
export -f gdal_loop; export WORK; export TILES_LIST="${TILES[*]}"

echo "extract: 2000 points × ${#TILES[@]} tiles 1568² Float32 (DEFLATE, 256² blocks), nearest"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
measure "geotool --version (process start)" "$G" --version
measure "geotool extract (release, --jobs 2)" "$G" extract --points "$WORK/tiles/points.csv" "${TILES[@]}" -o "$WORK/geotool.csv" --jobs 2; GT=$LAST; GTC=$LAST_CPU
measure "geotool extract (release, --jobs 1)" "$G" extract --points "$WORK/tiles/points.csv" "${TILES[@]}" -o "$WORK/geotool1.csv" --jobs 1
measure "python per-point loop: pyproj + sample()" $PY scripts/bench_extract.py rasterio-loop "$WORK/tiles/points.csv" "$WORK/rasterio_loop.csv" "${TILES[@]}"; PL=$LAST; PLC=$LAST_CPU
measure "python batched: pyproj + sample() per tile" $PY scripts/bench_extract.py rasterio "$WORK/tiles/points.csv" "$WORK/rasterio.csv" "${TILES[@]}"
measure "gdallocationinfo per tile (all points)" bash -c 'TILES=($TILES_LIST); gdal_loop > "$WORK/gdal.csv"'
echo "ratios: per-point loop / geotool --jobs 2 = $(ratio "$PL" "$GT")× wall, $(ratio "$PLC" "$GTC")× cpu"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Same values everywhere (geotool's long output reduced to id,file,value).
awk -F, 'NR==1{print "id,file,value"; next}{print $1 "," $4 "," $8}' "$WORK/geotool.csv" > "$WORK/geotool_ifv.csv"
$PY scripts/bench_extract.py compare "$WORK/geotool_ifv.csv" "$WORK/rasterio_loop.csv"
$PY scripts/bench_extract.py compare "$WORK/geotool_ifv.csv" "$WORK/rasterio.csv"
$PY scripts/bench_extract.py compare "$WORK/geotool_ifv.csv" "$WORK/gdal.csv"
echo "cores: $(nproc)"
