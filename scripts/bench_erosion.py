#!/usr/bin/env python3
"""Peers for scripts/bench-erosion.sh (not used by geotool or its tests).

  bench_erosion.py pysheds DEM        pysheds: fill_pits → fill_depressions → resolve_flats → flowdir → accumulation
  bench_erosion.py npy DEM OUT.npy    DEM band 1 → .npy (float64), for the richdem peer
  bench_erosion.py richdem DEM.npy    richdem: FillDepressions → ResolveFlats → FlowAccumulation(D8)

Prints one line "compute S" (seconds, excluding reading the input) on stdout.
"""
import sys
import time


def run_pysheds(path):
    from pysheds.grid import Grid
    grid = Grid.from_raster(path)
    dem = grid.read_raster(path)
    t0 = time.perf_counter()
    pit_filled = grid.fill_pits(dem)
    flooded = grid.fill_depressions(pit_filled)
    inflated = grid.resolve_flats(flooded)
    fdir = grid.flowdir(inflated)
    grid.accumulation(fdir)
    print(f"compute {time.perf_counter() - t0:.3f}")


def to_npy(path, out):
    import numpy as np
    import rasterio
    with rasterio.open(path) as src:
        np.save(out, src.read(1).astype(np.float64))


def run_richdem(npy):
    import numpy as np
    import richdem as rd
    dem = rd.rdarray(np.load(npy), no_data=-9999.0)
    dem.geotransform = [0, 30, 0, 0, 0, -30]
    t0 = time.perf_counter()
    filled = rd.FillDepressions(dem, epsilon=False, in_place=False)
    rd.ResolveFlats(filled, in_place=True)
    rd.FlowAccumulation(filled, method="D8")
    print(f"compute {time.perf_counter() - t0:.3f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "pysheds":
        run_pysheds(sys.argv[2])
    elif cmd == "npy":
        to_npy(sys.argv[2], sys.argv[3])
    elif cmd == "richdem":
        run_richdem(sys.argv[2])
    else:
        sys.exit(f"unknown command {cmd}")
