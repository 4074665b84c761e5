"""geopandas side of scripts/bench-tables.sh: writes the rows of a `geotool extract` CSV (long format, with the
points' x/y in EPSG:32633) to a GeoPackage (GeoDataFrame.to_file) and to PostGIS (GeoDataFrame.to_postgis), and
prints the two write times in seconds on one line. Reading the CSV and building the frame are not timed.

    python bench_tables.py EXTRACT.csv OUT.gpkg "PG:host=… port=… dbname=… user=… password=…"
"""
import sys
import time

import geopandas as gpd
import pandas as pd
import sqlalchemy


def pg_url(conn: str) -> str:
    """An SQLAlchemy URL from an OGR 'PG:key=value …' connection string."""
    fields = dict(item.split("=", 1) for item in conn[3:].split())
    return (f"postgresql+psycopg2://{fields.get('user', '')}:{fields.get('password', '')}@"
            f"{fields.get('host', 'localhost')}:{fields.get('port', '5432')}/{fields['dbname']}")


def main() -> None:
    csv, gpkg, conn = sys.argv[1:4]
    frame = pd.read_csv(csv)
    rows = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["x"], frame["y"]), crs="EPSG:32633")
    t0 = time.perf_counter()
    rows.to_file(gpkg, layer="extract", driver="GPKG")
    gpkg_seconds = time.perf_counter() - t0
    engine = sqlalchemy.create_engine(pg_url(conn))
    t0 = time.perf_counter()
    rows.to_postgis("geopandas_extract", engine, if_exists="replace", index=False)
    pg_seconds = time.perf_counter() - t0
    print(f"{gpkg_seconds:.3f} {pg_seconds:.3f}")


if __name__ == "__main__":
    main()
