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

# (later stages append below)

echo
echo "demo finished: outputs in $OUT" >&2
