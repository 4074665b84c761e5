#!/usr/bin/env python3
"""Helpers for scripts/bench-extract.sh.

  bench_extract.py make DIR          8 tiles of 1568x1568 float32 (UTM 33N, 70 m, DEFLATE, 256 blocks,
                                     NaN nodata, some NaN pixels) + DIR/points.csv with 2,000 lon/lat points
  bench_extract.py rasterio PTS OUT TILE...        peer, batched: per tile one pyproj transform of all
                                     points and one rasterio sample() generator -> OUT (id,file,value)
  bench_extract.py rasterio-loop PTS OUT TILE...   peer, the seed's style: a Python loop over the points,
                                     a pyproj transform and a sample() call per point
  bench_extract.py compare A B       compare two id,file,value CSVs as float32 values (empty = no value)
"""
import csv
import math
import os
import sys

import numpy as np


def make(directory):
    import rasterio
    from rasterio.transform import from_origin
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(42)
    n, pix = 1568, 70.0
    for i in range(8):
        path = os.path.join(directory, f"tile{i}.tif")
        if os.path.exists(path):
            continue
        x0, y0 = 400000 + (i % 4) * 109800, 5200000 - (i // 4) * 109800
        yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
        data = (290 + 10 * np.sin(xx / 97 + i) * np.cos(yy / 131) + rng.random((n, n), dtype=np.float32)).astype(np.float32)
        data[rng.random((n, n)) < 0.05] = np.nan
        profile = dict(driver="GTiff", width=n, height=n, count=1, dtype="float32", crs="EPSG:32633",
                       transform=from_origin(x0, y0, pix, pix), nodata=float("nan"), tiled=True,
                       blockxsize=256, blockysize=256, compress="deflate")
        with rasterio.open(path, "w", **profile) as dst:
            dst.write(data, 1)
    from pyproj import Transformer
    to_ll = Transformer.from_crs("EPSG:32633", "EPSG:4326", always_xy=True)
    rng = np.random.default_rng(7)   # points independent of whether the tiles were (re)generated
    xs = rng.uniform(390000, 400000 + 4 * 109800 + 10000, 2000)
    ys = rng.uniform(5200000 - 2 * 109800 - 10000, 5210000, 2000)
    lon, lat = to_ll.transform(xs, ys)
    with open(os.path.join(directory, "points.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "lon", "lat"])
        for k, (a, b) in enumerate(zip(lon, lat)):
            w.writerow([f"p{k}", repr(float(a)), repr(float(b))])


def read_points(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [r["id"] for r in rows], [float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]


def rasterio_loop(points_csv, out, tiles):
    import rasterio
    from pyproj import Transformer
    ids, lon, lat = read_points(points_csv)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "file", "value"])
        for tile in tiles:
            with rasterio.open(tile) as src:
                t = Transformer.from_crs("EPSG:4326", src.crs, always_xy=True)
                xs, ys = t.transform(lon, lat)
                left, bottom, right, top = src.bounds
                for pid, x, y, v in zip(ids, xs, ys, src.sample(zip(xs, ys), indexes=1, masked=True)):
                    inside = left <= x < right and bottom < y <= top
                    value = "" if (not inside or v.mask[0] or math.isnan(v[0])) else repr(float(v[0]))
                    w.writerow([pid, os.path.basename(tile), value])


def rasterio_point_loop(points_csv, out, tiles):
    import rasterio
    from pyproj import Transformer
    ids, lon, lat = read_points(points_csv)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "file", "value"])
        for tile in tiles:
            with rasterio.open(tile) as src:
                t = Transformer.from_crs("EPSG:4326", src.crs, always_xy=True)
                left, bottom, right, top = src.bounds
                for pid, a, b in zip(ids, lon, lat):
                    x, y = t.transform(a, b)
                    v = next(src.sample([(x, y)], indexes=1, masked=True))
                    inside = left <= x < right and bottom < y <= top
                    value = "" if (not inside or v.mask[0] or math.isnan(v[0])) else repr(float(v[0]))
                    w.writerow([pid, os.path.basename(tile), value])


def load(path):
    with open(path) as f:
        return {(r["id"], os.path.basename(r["file"])): r["value"] for r in csv.DictReader(f)}


def compare(a_path, b_path):
    a, b = load(a_path), load(b_path)
    if a.keys() != b.keys():
        sys.exit(f"{a_path} and {b_path} cover different point x file pairs")
    bad = [k for k in a if (a[k] == "") != (b[k] == "") or (a[k] and np.float32(a[k]) != np.float32(b[k]))]
    valued = sum(1 for k in a if a[k])
    print(f"{len(a)} point x tile pairs, {valued} with a value, {len(bad)} differences ({a_path} vs {b_path})")
    if bad:
        print("first differences:", [(k, a[k], b[k]) for k in bad[:5]])
        sys.exit(1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2])
    elif cmd == "rasterio":
        rasterio_loop(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "rasterio-loop":
        rasterio_point_loop(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "compare":
        compare(sys.argv[2], sys.argv[3])
