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

stage "extract: fixture points from the ECOSTRESS LST tiles and the DEM (QC nominal, cloud/water masked)"
"$GEOTOOL" extract --points fixtures/points.csv fixtures/ECOv002_*_LST.tif fixtures/dem_utm33n.tif \
  --qc nominal --mask cloud,water -o "$OUT/extract.csv"
head -n 5 "$OUT/extract.csv"

stage "ecostress: scan the fixtures, regrid LST to 700 m cells per site"
"$GEOTOOL" ecostress scan fixtures > "$OUT/ecostress_scan.txt"
cat "$OUT/ecostress_scan.txt"
printf 'site,west,south,east,north\nA,16.29,46.06,16.36,46.12\nB,16.33,46.08,16.40,46.14\n' > "$OUT/sites.csv"
"$GEOTOOL" ecostress regrid fixtures --sites "$OUT/sites.csv" --variables LST --target-res 700 700 \
  --qc nominal --mask cloud,water --min-valid-fraction 0.5 --out "$OUT/regrid"
head -n 3 "$OUT/regrid/A_LST.csv"

stage "resample: block-sum and mean (valid fraction ≥ 0.5) of the DEM; ECOSTRESS LST to 2.2 × 1.66 km"
"$GEOTOOL" resample fixtures/dem_utm33n.tif "$OUT/dem_sum_x8.tif" --factor 8 --method sum --quiet
"$GEOTOOL" resample fixtures/dem_utm33n.tif "$OUT/dem_mean_240m.tif" --tr 240 240 --method mean --min-valid-fraction 0.5 --of COG --quiet
"$GEOTOOL" resample fixtures/ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif "$OUT/lst_2200x1660.tif" \
  --tr 2200 1660 --method mean --min-valid-fraction 0.5 --quiet
"$GEOTOOL" info "$OUT/dem_mean_240m.tif" | sed -n 3,4p

stage "reproject: every fixture raster to WGS 84 (bilinear, 2 files at a time)"
"$GEOTOOL" reproject fixtures/*.tif --t-srs EPSG:4326 -r bilinear --out-dir "$OUT/wgs84" --jobs 2

stage "erosion: terrain layers, then the six TerraSim scenarios (RUSLE, USPED, risk classes) on the DEM"
"$GEOTOOL" erosion derive fixtures/dem_utm33n.tif --out "$OUT/erosion/terrain"
"$GEOTOOL" erosion run fixtures/dem_utm33n.tif --scenarios fixtures/scenarios/terrasim.yaml --out "$OUT/erosion/scenarios"
cut -d, -f1-7 "$OUT/erosion/scenarios/summary.csv"

stage "batch: an erosion scenario grid, a TEM1D Monte Carlo and TEM1D chunks through the job store (2 workers), aggregate, plot"
BATCH_RUN="$OUT/batch-run"
"$GEOTOOL" batch submit fixtures/specs/erosion-grid.yaml --run-dir "$BATCH_RUN"       # batch 1: jobs 1-18
"$GEOTOOL" batch submit fixtures/specs/tem1d-monte-carlo.yaml --run-dir "$BATCH_RUN"  # batch 2: jobs 19-218
"$GEOTOOL" batch submit fixtures/specs/tem1d-chunks.yaml --run-dir "$BATCH_RUN"       # batch 3: jobs 219-220
"$GEOTOOL" batch run "$BATCH_RUN" --jobs 2
"$GEOTOOL" batch results "$BATCH_RUN" --batch 1 --aggregate mean,max --by C -o "$OUT/batch_erosion_by_cover.csv"
"$GEOTOOL" batch results "$BATCH_RUN" --batch 2 --aggregate p5,p50,p95 -o "$OUT/batch_tem1d_mc_spread.csv"
cut -d, -f1,2,19,20,25,26 "$OUT/batch_erosion_by_cover.csv"   # C, n, mean and total soil loss
# Batch 4: one PNG per job with the `plot` kind: the driest and wettest scenario's soil loss, the chunks' decay curves.
cat > "$OUT/batch_plots.yaml" <<EOF
name: demo-plots
kind: plot
parameters:
  type: {list: [map, map, decay, decay]}
  input: {list: [$BATCH_RUN/outputs/1/soil_loss.tif, $BATCH_RUN/outputs/18/soil_loss.tif,
                 $BATCH_RUN/outputs/219/dbzdt.csv, $BATCH_RUN/outputs/220/dbzdt.csv]}
  title: {list: [R 300 C 0.05 P 0.5, R 800 C 0.5 P 1, TEM1D models 0-1, TEM1D models 2-3]}
EOF
"$GEOTOOL" batch submit "$OUT/batch_plots.yaml" --run-dir "$BATCH_RUN"
"$GEOTOOL" batch run "$BATCH_RUN" --jobs 2
"$GEOTOOL" batch status "$BATCH_RUN"
ls "$BATCH_RUN"/outputs/22[1-4]/plot.png

stage "workflows: ECOSTRESS validation (regrid per site → extract at the points → plot, per item) and erosion (terrain once → scenario grid → table of every scenario → plots)"
WORKFLOW_RUN="$OUT/workflow-run"
"$GEOTOOL" workflow submit fixtures/workflows/ecostress-validation.yaml --run-dir "$WORKFLOW_RUN"
"$GEOTOOL" workflow submit fixtures/workflows/erosion.yaml --run-dir "$WORKFLOW_RUN"
"$GEOTOOL" workflow run "$WORKFLOW_RUN" --jobs 2 --no-progress
"$GEOTOOL" workflow status "$WORKFLOW_RUN"
find "$WORKFLOW_RUN/outputs" -name table.csv -exec cat {} \;

stage "plot: DEM map over a hillshade, LST map, DEM histogram; decay/scatter plots of CSV outputs when present"
"$GEOTOOL" plot map fixtures/dem_utm33n.tif --hillshade --cmap terrain --label "Elevation (m)" -o "$OUT/plot_dem_hillshade.png"
"$GEOTOOL" plot map fixtures/ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif --cmap magma \
  --label "LST (K)" -o "$OUT/plot_lst.png"
"$GEOTOOL" plot hist fixtures/dem_utm33n.tif -o "$OUT/plot_dem_hist.png"
# Decay curves of any CSV with a time_s column (wide: time_s,<sounding>…), predicted-vs-observed of any CSV with
# observed and predicted columns; a CSV of another shape is reported and skipped.
find "$OUT" -maxdepth 2 -name '*.csv' -size -50M | sort | while read -r csv; do
  header=",$(head -n 1 "$csv" | tr -d '\r'),"
  if [[ "$header" == *,time_s,* ]]; then
    "$GEOTOOL" plot decay "$csv" -o "${csv%.csv}_decay.png" || echo "plot: skipped $csv" >&2
  fi
  if [[ "$header" == *,observed,* && "$header" == *,predicted,* ]]; then
    "$GEOTOOL" plot scatter "$csv" --x observed --y predicted -o "${csv%.csv}_scatter.png" || echo "plot: skipped $csv" >&2
  fi
done
ls "$OUT"/plot_*.png

stage "tables: the extract and regrid results as GeoPackage tables (PostgreSQL: --table-output \"PG:dbname=… host=… user=…\")"
"$GEOTOOL" extract --points fixtures/points.csv fixtures/ECOv002_*_LST.tif fixtures/dem_utm33n.tif \
  --qc nominal --mask cloud,water --table-output "$OUT/results.gpkg" --table-name extract
"$GEOTOOL" ecostress regrid fixtures --sites "$OUT/sites.csv" --variables LST --target-res 700 700 \
  --qc nominal --mask cloud,water --min-valid-fraction 0.5 --out "$OUT/regrid" --table-output "$OUT/results.gpkg" --table-name regrid
ogrinfo -ro -q "$OUT/results.gpkg"

# (later stages append below)

stage "serve: the batch API over HTTP (server in the background, submit with curl, poll, SIGTERM)"
command -v curl > /dev/null || DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y curl > /dev/null
SERVE_RUN="$OUT/serve-run"
"$GEOTOOL" serve --run-dir "$SERVE_RUN" --port 0 --jobs 2 2> "$OUT/serve.log" &
SERVE_PID=$!
PORT=$(scripts/serve-port.sh "$OUT/serve.log") || { kill "$SERVE_PID"; exit 1; }
API="http://127.0.0.1:$PORT/api/v1/batch"
# The seed's erosion shortcut: one erosion-scenario job per scenario on the fixture DEM.
BATCH=$(curl -sf -X POST "$API/simulations/parallel" -H 'Content-Type: application/json' \
  -d '{"dem": "fixtures/dem_utm33n.tif", "scenarios": [{"name": "baseline", "C": 0.2}, {"name": "bare", "C": 0.6},
       {"name": "cover_crops", "C": 0.05}], "isolation": "thread"}' \
  | sed -n 's/.*"batch_id":\([0-9]*\).*/\1/p')
STATUS=RUNNING
for _ in $(seq 1 300); do   # ≤ 60 s; responses have sorted keys, so the last "status" is the batch's
  REPLY=$(curl -sf "$API/batch/$BATCH/status")
  STATUS=$(echo "$REPLY" | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')
  echo "batch $BATCH: $STATUS $(echo "$REPLY" | sed -n 's/.*"progress_percent":\([0-9.]*\).*/\1/p')%" >&2
  [ "$STATUS" != RUNNING ] && break
  sleep 0.2
done
curl -sf "$API/batch/$BATCH/results?aggregate=mean,max" > "$OUT/serve_results.json"
kill -TERM "$SERVE_PID"; wait "$SERVE_PID"
[ "$STATUS" = COMPLETED ] || { echo "serve demo: batch ended $STATUS" >&2; exit 1; }

stage "dashboard: geotool serve on the batch stage's run directory; the dashboard is its page at /"
"$GEOTOOL" serve --run-dir "$BATCH_RUN" --port 0 --jobs 0 2> "$OUT/dashboard.log" &
DASH_PID=$!
PORT=$(scripts/serve-port.sh "$OUT/dashboard.log") || { kill "$DASH_PID"; exit 1; }
echo "dashboard of $BATCH_RUN: http://127.0.0.1:$PORT/ (stopped at the end of this stage; run geotool serve --run-dir $BATCH_RUN to browse it)"
curl -sf "http://127.0.0.1:$PORT/" | grep -q '<title>geotool dashboard</title>'
curl -sf "http://127.0.0.1:$PORT/api/v1/batch/overview" | head -c 400; echo
if command -v chromium > /dev/null; then   # a picture of it, when a browser is installed
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 --virtual-time-budget=5000 \
    --screenshot="$OUT/dashboard.png" "http://127.0.0.1:$PORT/" 2> /dev/null && echo "screenshot: $OUT/dashboard.png"
fi
kill -TERM "$DASH_PID"; wait "$DASH_PID"

stage "tem1d: small Monte Carlo of 3-layer earths (fixtures/tem1d/space.yaml), 20 m loop, dBz/dt decay curves"
"$GEOTOOL" tem1d run --models fixtures/tem1d/space.yaml --system fixtures/tem1d/system.yaml --out "$OUT/tem1d_mc.csv" --jobs 2
# Wide table of the first 8 models for plotting: time_s (gate centre, from the t_<time> column names), model_<index>…
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^t_/) { ng++; col[ng] = i; t[ng] = substr($i, 3) }; next }
         NR <= 9 { nm++; name[nm] = "model_" $1; for (k = 1; k <= ng; k++) v[nm, k] = $(col[k]) }
         END { printf "time_s"; for (m = 1; m <= nm; m++) printf ",%s", name[m]; print ""
               for (k = 1; k <= ng; k++) { printf "%s", t[k]; for (m = 1; m <= nm; m++) printf ",%s", v[m, k]; print "" } }' \
  "$OUT/tem1d_mc.csv" > "$OUT/tem1d_mc_decay.csv"
"$GEOTOOL" plot decay "$OUT/tem1d_mc_decay.csv" -o "$OUT/tem1d_mc_decay.png"
head -n 3 "$OUT/tem1d_mc_decay.csv" | cut -c1-120

echo
echo "demo finished: outputs in $OUT" >&2
