#!/usr/bin/env bash
# End-to-end run of geotool on the bundled fixtures (fresh Debian 12 machine):
# installs system packages if missing, builds release, runs every stage into ./out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
swift build -c release
GEOTOOL="$(swift build -c release --show-bin-path)/geotool"
OUT=out/demo
rm -rf "$OUT"; mkdir -p "$OUT"
stage() { echo; echo "== $*" >&2; }

stage "info: every fixture raster"
"$GEOTOOL" info fixtures/*.tif --stats > "$OUT/info.txt"
"$GEOTOOL" info fixtures/dem_utm33n.tif --json > "$OUT/info_dem.json"
head -n 12 "$OUT/info.txt"

stage "resample: block-sum and mean (valid fraction ≥ 0.5) of the DEM; ECOSTRESS LST to 2.2 × 1.66 km"
"$GEOTOOL" resample fixtures/dem_utm33n.tif "$OUT/dem_sum_x8.tif" --factor 8 --method sum --quiet
"$GEOTOOL" resample fixtures/dem_utm33n.tif "$OUT/dem_mean_240m.tif" --tr 240 240 --method mean --min-valid-fraction 0.5 --of COG --quiet
"$GEOTOOL" resample fixtures/ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif "$OUT/lst_2200x1660.tif" \
  --tr 2200 1660 --method mean --min-valid-fraction 0.5 --quiet
"$GEOTOOL" info "$OUT/dem_mean_240m.tif" | sed -n 3,4p

stage "reproject: every fixture raster to WGS 84 (bilinear, 2 files at a time)"
"$GEOTOOL" reproject fixtures/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$OUT/wgs84" --jobs 2

# (later stages append below)

echo
echo "demo finished: outputs in $OUT" >&2
