#!/usr/bin/env python3
"""Peers for scripts/bench-resample.sh (not used by geotool or its tests).

  bench_resample.py blocksum IN OUT FACTOR   rasterio + numpy windowed block sum (nodata-aware)
  bench_resample.py reproject OUTDIR IN...   multiprocessing Pool(2) + rasterio.warp.reproject (bilinear → EPSG:4326)
"""
import sys
from multiprocessing import Pool

import numpy as np
import rasterio
from rasterio.warp import Resampling, calculate_default_transform, reproject
from rasterio.windows import Window


def blocksum(src_path, dst_path, factor):
    with rasterio.open(src_path) as src:
        h, w = src.height // factor, src.width // factor
        nodata = src.nodata
        profile = src.profile.copy()
        profile.update(width=w, height=h, dtype="float64", nodata=np.nan, compress="deflate", tiled=True,
                       transform=src.transform * src.transform.scale(factor, factor))
        rows_per_strip = max(factor, (src.block_shapes[0][0] // factor) * factor)
        with rasterio.open(dst_path, "w", **profile) as dst:
            for top in range(0, h * factor, rows_per_strip):
                n = min(rows_per_strip, h * factor - top)
                a = src.read(1, window=Window(0, top, w * factor, n)).astype(np.float64)
                valid = ~np.isnan(a)
                if nodata is not None:
                    valid &= a != nodata
                a = np.where(valid, a, 0.0)
                s = a.reshape(n // factor, factor, w, factor).sum(axis=(1, 3))
                c = valid.reshape(n // factor, factor, w, factor).sum(axis=(1, 3))
                s[c == 0] = np.nan
                dst.write(s, 1, window=Window(0, top // factor, w, n // factor))


def reproject_one(args):
    src_path, dst_path = args
    with rasterio.open(src_path) as src:
        transform, width, height = calculate_default_transform(src.crs, "EPSG:4326", src.width, src.height, *src.bounds)
        profile = src.profile.copy()
        profile.update(crs="EPSG:4326", transform=transform, width=width, height=height, compress="deflate", tiled=True)
        with rasterio.open(dst_path, "w", **profile) as dst:
            reproject(source=rasterio.band(src, 1), destination=rasterio.band(dst, 1),
                      resampling=Resampling.bilinear, dst_crs="EPSG:4326", dst_transform=transform)


if __name__ == "__main__":
    if sys.argv[1] == "blocksum":
        blocksum(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "reproject":
        out = sys.argv[2]
        jobs = [(p, f"{out}/{p.rsplit('/', 1)[-1]}") for p in sys.argv[3:]]
        with Pool(2) as pool:
            pool.map(reproject_one, jobs)
