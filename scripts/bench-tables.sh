#!/usr/bin/env bash
# Benchmark of issue 20: extracted point rows (POINTS points × RASTERS synthetic rasters, default 2,000 × 500 =
# 1,000,000 rows) written by `geotool extract --table-output` to a GeoPackage and to PostgreSQL/PostGIS, side by side
# with geopandas (GeoDataFrame.to_file GPKG, GeoDataFrame.to_postgis) writing the same rows (read from the same
# run's CSV) in the same run. Figures go to docs/PERFORMANCE.md (measure on an idle machine, release build).
#
#   scripts/bench-tables.sh                      # 1,000,000 rows, release build
#   POINTS=20 RASTERS=5 GEOTOOL=.build/debug/geotool scripts/bench-tables.sh   # a smoke run
#
# PostgreSQL: PG_CONN="PG:dbname=… host=… user=… password=…" (a database with PostGIS), or, when unset, a throw-away
# cluster is started from the installed server binaries (initdb/pg_ctl as the postgres user when root) and removed
# at the end. geopandas lives in the venv $VENV (default /work/venvs/tables; created when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
POINTS=${POINTS:-2000}
RASTERS=${RASTERS:-500}
SIZE=${SIZE:-512}
VENV=${VENV:-/work/venvs/tables}
WORK=${WORK:-$(mktemp -d /tmp/geotool-bench-tables.XXXXXX)}
if [ -z "${GEOTOOL:-}" ]; then
  swift build -c release
  GEOTOOL="$(swift build -c release --show-bin-path)/geotool"
fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q geopandas pyogrio sqlalchemy psycopg2-binary geoalchemy2
fi
mkdir -p "$WORK/rasters"
chmod 755 "$WORK"   # the throw-away PostgreSQL cluster runs as the postgres user
echo "bench-tables: $POINTS points × $RASTERS rasters = $((POINTS * RASTERS)) rows in $WORK" >&2

# Synthetic rasters (UTM 33N, 10 m pixels, SIZE² pixels, one seed each) and random points inside them.
for i in $(seq 1 "$RASTERS"); do
  [ -f "$WORK/rasters/r$i.tif" ] || "$GEOTOOL" make-bench-raster "$WORK/rasters/r$i.tif" --size "$SIZE" --block 256 --seed "$i" 2> /dev/null
done
awk -v n="$POINTS" -v size="$SIZE" 'BEGIN { srand(42); print "id,x,y"
  for (i = 1; i <= n; i++) printf "%d,%.3f,%.3f\n", i, 500000 + rand() * size * 10, 5100000 - rand() * size * 10 }' > "$WORK/points.csv"

# PostgreSQL: the given database, or a throw-away cluster.
PG_STARTED=""
cleanup() {
  if [ -n "$PG_STARTED" ]; then $PG_RUN "$PG_BIN/pg_ctl" stop -m immediate -D "$WORK/pg/data" > /dev/null 2>&1 || true; fi
}
trap cleanup EXIT
if [ -z "${PG_CONN:-}" ]; then
  PG_BIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")")
  PG_RUN=""; [ "$(id -u)" -eq 0 ] && PG_RUN="runuser -u postgres --"
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$WORK/pg"; [ -n "$PG_RUN" ] && chown postgres "$WORK/pg"
  echo bench > "$WORK/pg/pw"; [ -n "$PG_RUN" ] && chown postgres "$WORK/pg/pw"
  $PG_RUN "$PG_BIN/initdb" -D "$WORK/pg/data" -U bench --pwfile="$WORK/pg/pw" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C > /dev/null
  $PG_RUN "$PG_BIN/pg_ctl" start -w -D "$WORK/pg/data" -l "$WORK/pg/log" \
    -o "-p $PORT -k $WORK/pg -c listen_addresses=127.0.0.1" > /dev/null
  PG_STARTED=1
  "$PG_BIN/psql" -X -q -h "$WORK/pg" -p "$PORT" -U bench -d postgres -c "CREATE DATABASE bench"
  "$PG_BIN/psql" -X -q -h "$WORK/pg" -p "$PORT" -U bench -d bench -c "CREATE EXTENSION postgis"
  PG_CONN="PG:host=127.0.0.1 port=$PORT dbname=bench user=bench password=bench"
fi

seconds() { awk -v now="$(date +%s.%N)" -v t0="$1" 'BEGIN { printf "%.3f", now - t0 }'; }
extract() { "$GEOTOOL" extract --points "$WORK/points.csv" --x-col x --y-col y --points-crs EPSG:32633 "$WORK"/rasters/r*.tif "$@"; }

t0=$(date +%s.%N); extract -o "$WORK/extract.csv" 2> /dev/null; csv_s=$(seconds "$t0")
rows=$(($(wc -l < "$WORK/extract.csv") - 1))
rm -f "$WORK/geotool.gpkg"
t0=$(date +%s.%N); extract -o "$WORK/extract2.csv" --table-output "$WORK/geotool.gpkg" --table-name extract 2> /dev/null; gpkg_s=$(seconds "$t0")
t0=$(date +%s.%N); extract -o "$WORK/extract3.csv" --table-output "$PG_CONN" --table-name geotool_extract --overwrite 2> /dev/null
pg_s=$(seconds "$t0")
read -r gp_gpkg_s gp_pg_s < <("$VENV/bin/python" scripts/bench_tables.py "$WORK/extract.csv" "$WORK/geopandas.gpkg" "$PG_CONN")

echo "rows: $rows (CSV-only extract run: ${csv_s} s; geotool figures include extraction, geopandas' only the write)"
printf '%-34s %10s %12s\n' "writer" "seconds" "rows/s"
for entry in "geotool extract → CSV only:$csv_s" "geotool extract → CSV + GPKG:$gpkg_s" "geotool extract → CSV + PostGIS:$pg_s" \
             "  geotool GPKG write (difference):$(awk -v a="$gpkg_s" -v b="$csv_s" 'BEGIN { printf "%.3f", a - b }')" \
             "  geotool PostGIS write (difference):$(awk -v a="$pg_s" -v b="$csv_s" 'BEGIN { printf "%.3f", a - b }')" \
             "geopandas to_file (GPKG):$gp_gpkg_s" "geopandas to_postgis:$gp_pg_s"; do
  name=${entry%%:*}; s=${entry##*:}
  printf '%-34s %10.3f %12.0f\n' "$name" "$s" "$(awk -v r="$rows" -v s="$s" 'BEGIN { print (s > 0 ? r / s : 0) }')"
done
