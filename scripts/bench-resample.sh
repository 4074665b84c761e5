#!/usr/bin/env bash
# Resample / reproject benchmark (release build), peers run side by side on the same machine.
#   scripts/bench-resample.sh [SIZE]     (default 16384: a 1 GiB Float32 raster)
# Env: REPEAT=N (default 3: each fast run N times, median wall, CPU and RSS reported; gdalwarp runs once),
#      SKIP_REPROJECT=1 (block sum only), SKIP_BLOCKSUM=1 (reprojection only), SKIP_GDALWARP=1 (no gdalwarp
#      runs), BENCH_DIR (default out/bench-resample).
# Prints a table; figures go into docs/PERFORMANCE.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-16384}
REPEAT=${REPEAT:-3}
WORK=${BENCH_DIR:-out/bench-resample}
mkdir -p "$WORK"
swift build -c release --product geotool >/dev/null
G="$(swift build -c release --show-bin-path)/geotool"
PY=python3
if ! $PY -c "import rasterio, numpy" 2>/dev/null; then
  pip install -q rasterio numpy || echo "rasterio unavailable: skipping the Python peers" >&2
fi
HAVE_PY=0; $PY -c "import rasterio, numpy" 2>/dev/null && HAVE_PY=1

source scripts/bench-measure.sh
before_run() { rm -f "$WORK"/sum_*.tif; }

if [ "${SKIP_BLOCKSUM:-0}" != 1 ]; then
IN="$WORK/in_${SIZE}.tif"
[ -f "$IN" ] || "$G" make-bench-raster "$IN" --size "$SIZE" --block 512 2>/dev/null
RES=$(awk "BEGIN{print 10*8}")
echo "block sum, factor 8, ${SIZE}² Float32 tiled 512 uncompressed ($(du -h "$IN" | cut -f1))"
cat "$IN" > /dev/null   # warm the page cache
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
measure "raw read floor (cat > /dev/null, warm)" cat "$IN"; FLOOR=$LAST
measure "geotool startup only (geotool --version)" "$G" --version; START=$LAST
measure "geotool resample --factor 8 sum" "$G" resample "$IN" "$WORK/sum_geotool.tif" --factor 8 --method sum --quiet; GT=$LAST
# The output is stored like the input (here: uncompressed, as gdalwarp writes by default). With
# DEFLATE (geotool then adds the floating-point predictor and level 1), and at GDAL's default
# level 6 without a predictor (the rasterio peer's output), for comparison:
measure "geotool resample … -co COMPRESS=DEFLATE" "$G" resample "$IN" "$WORK/sum_geotool_d1.tif" --factor 8 --method sum --quiet -co COMPRESS=DEFLATE; GTD1=$LAST
measure "geotool resample … DEFLATE ZLEVEL=6 PREDICTOR=1" "$G" resample "$IN" "$WORK/sum_geotool_z6.tif" --factor 8 --method sum --quiet -co COMPRESS=DEFLATE -co ZLEVEL=6 -co PREDICTOR=1; GTZ6=$LAST
if [ "$HAVE_PY" = 1 ]; then
  measure "rasterio+numpy windowed (deflate output)" $PY scripts/bench_resample.py blocksum "$IN" "$WORK/sum_rasterio.tif" 8; RIO=$LAST
fi
if [ "${SKIP_GDALWARP:-0}" != 1 ]; then
  measure -n 1 "gdalwarp -r sum -tr $RES $RES (uncompressed)" gdalwarp -q -r sum -tr "$RES" "$RES" "$IN" "$WORK/sum_gdalwarp.tif"; GW=$LAST
fi
echo "ratios: geotool / floor = $(ratio "$GT" "$FLOOR")×, with DEFLATE output / floor = $(ratio "$GTD1" "$FLOOR")×"
[ "$HAVE_PY" = 1 ] && echo "        rasterio / geotool = $(ratio "$RIO" "$GT")×, rasterio / geotool at DEFLATE 6 = $(ratio "$RIO" "$GTZ6")×"
[ "${SKIP_GDALWARP:-0}" != 1 ] && echo "        gdalwarp / geotool = $(ratio "$GW" "$GT")×"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
[ "${SKIP_REPROJECT:-0}" = 1 ] && exit 0
echo
echo "reproject 8 tiles 1568² Float32 UTM 33N → EPSG:4326, bilinear"
mkdir -p "$WORK/tiles"
for i in 0 1 2 3 4 5 6 7; do
  t="$WORK/tiles/tile$i.tif"
  [ -f "$t" ] || "$G" make-bench-raster "$t" --size 1568 --block 256 --pixel 70 --seed $((i + 10)) \
    --origin-x $((400000 + i * 110000)) --origin-y 5200000 2>/dev/null
done
cat "$WORK"/tiles/*.tif > /dev/null
before_run() { rm -rf "$WORK"/rp_*; mkdir -p "$WORK/rp_geotool" "$WORK/rp_gdalwarp" "$WORK/rp_python"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "geotool reproject --jobs 2" "$G" reproject "$WORK"/tiles/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$WORK/rp_geotool" --jobs 2; GR=$LAST; GRC=$LAST_CPU
# The same with the Python peer's output compression (DEFLATE 6 without predictor), and with
# GDAL's warp kernel instead of geotool's bit-identical one:
measure "geotool reproject --jobs 2 -co DEFLATE ZLEVEL=6 PREDICTOR=1" "$G" reproject "$WORK"/tiles/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$WORK/rp_geotool" --jobs 2 -co COMPRESS=DEFLATE -co ZLEVEL=6 -co PREDICTOR=1; GR6=$LAST
measure "geotool reproject --jobs 2 --gdal-kernel" "$G" reproject "$WORK"/tiles/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$WORK/rp_geotool" --jobs 2 --gdal-kernel
if [ "${SKIP_GDALWARP:-0}" != 1 ]; then
  measure -n 1 "gdalwarp sequential" bash -c "for t in $WORK/tiles/*.tif; do gdalwarp -q -t_srs EPSG:4326 -r bilinear -co TILED=YES -co COMPRESS=DEFLATE \$t $WORK/rp_gdalwarp/\$(basename \$t); done"; GWR=$LAST
  echo "ratios: gdalwarp / geotool = $(ratio "$GWR" "$GR")×"
fi
if [ "$HAVE_PY" = 1 ]; then
  measure "python Pool(2) + rasterio.warp" $PY scripts/bench_resample.py reproject "$WORK/rp_python" "$WORK"/tiles/*.tif; PYR=$LAST; PYRC=$LAST_CPU
  echo "ratios: python / geotool = $(ratio "$PYR" "$GR")× wall, $(ratio "$PYRC" "$GRC")× cpu; python / geotool at DEFLATE 6 = $(ratio "$PYR" "$GR6")×"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cores: $(nproc)"
