#!/usr/bin/env bash
# Resample / reproject benchmark (release build), peers run side by side on the same machine.
#   scripts/bench-resample.sh [SIZE]     (default 16384: a 1 GiB Float32 raster)
# Prints a table; figures go into docs/PERFORMANCE.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-16384}
WORK=${BENCH_DIR:-out/bench-resample}
mkdir -p "$WORK"
swift build -c release >/dev/null
G="$(swift build -c release --show-bin-path)/geotool"
PY=python3
if ! $PY -c "import rasterio, numpy" 2>/dev/null; then
  pip install -q rasterio numpy || echo "rasterio unavailable: skipping the Python peers" >&2
fi
HAVE_PY=0; $PY -c "import rasterio, numpy" 2>/dev/null && HAVE_PY=1

# measure LABEL CMD...: wall seconds and peak RSS (MB) via /usr/bin/time.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { echo "$label FAILED"; cat "$WORK/stderr.txt"; return; }
  read -r secs kb < "$WORK/time.txt"
  printf "%-40s %8.2f s %8.0f MB\n" "$label" "$secs" "$((kb / 1024))"
}

IN="$WORK/in_${SIZE}.tif"
[ -f "$IN" ] || "$G" make-bench-raster "$IN" --size "$SIZE" --block 512 2>/dev/null
RES=$(awk "BEGIN{print 10*8}")
echo "block sum, factor 8, ${SIZE}² Float32 tiled 512 uncompressed ($(du -h "$IN" | cut -f1))"
cat "$IN" > /dev/null   # warm the page cache
measure "raw read floor (cat > /dev/null)" cat "$IN"
rm -f "$WORK"/sum_*.tif
measure "geotool resample --factor 8 sum" "$G" resample "$IN" "$WORK/sum_geotool.tif" --factor 8 --method sum --quiet
measure "gdalwarp -r sum -tr 80 80" gdalwarp -q -r sum -tr "$RES" "$RES" "$IN" "$WORK/sum_gdalwarp.tif"
[ "$HAVE_PY" = 1 ] && measure "rasterio+numpy windowed" $PY scripts/bench_resample.py blocksum "$IN" "$WORK/sum_rasterio.tif" 8

echo
echo "reproject 8 tiles 1568² Float32 UTM 33N → EPSG:4326, bilinear"
mkdir -p "$WORK/tiles"
for i in 0 1 2 3 4 5 6 7; do
  t="$WORK/tiles/tile$i.tif"
  [ -f "$t" ] || "$G" make-bench-raster "$t" --size 1568 --block 256 --pixel 70 --seed $((i + 10)) \
    --origin-x $((400000 + i * 110000)) --origin-y 5200000 2>/dev/null
done
rm -rf "$WORK"/rp_*; mkdir -p "$WORK/rp_geotool" "$WORK/rp_gdalwarp" "$WORK/rp_python"
measure "geotool reproject --jobs 2" "$G" reproject "$WORK"/tiles/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$WORK/rp_geotool" --jobs 2
measure "gdalwarp sequential" bash -c "for t in $WORK/tiles/*.tif; do gdalwarp -q -t_srs EPSG:4326 -r bilinear -co TILED=YES -co COMPRESS=DEFLATE \$t $WORK/rp_gdalwarp/\$(basename \$t); done"
[ "$HAVE_PY" = 1 ] && measure "python Pool(2) + rasterio.warp" $PY scripts/bench_resample.py reproject "$WORK/rp_python" "$WORK"/tiles/*.tif
echo "cores: $(nproc)"
