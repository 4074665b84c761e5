#!/usr/bin/env python3
"""Reference data for `geotool evolve` (Erosion.LandscapeEvolution) from fastscapelib, the reference
implementation of Braun & Willett (2013).

Makes fixtures/fastscape/: dem.tif (initial DEM), elevation_100.tif (fastscapelib after 100 steps), both
Float64 GeoTIFFs converted by GDAL's gdal_translate from exact ASCII grids, and parameters.json. Run: python3 -m venv /work/venvs/fastscape && /work/venvs/fastscape/bin/pip install
fastscapelib==0.3.0 numpy; /work/venvs/fastscape/bin/python scripts/fastscape-reference.py

Same scheme on both sides (so the test expects agreement to 1e-6 relative):
- 48 x 40 raster, 100 m square cells; all four borders fixed (base level, no uplift), as geotool's outlets.
- Initial DEM: a pyramid rising 2 m per cell from the borders plus uniform noise in [0, 0.2) m: every cell
  has a strictly lower neighbour toward the nearest border, so there are no pits or flats (geotool's
  epsilon fill changes nothing and no sink resolver is needed) and no exact ties in steepest descent.
- Per step: D8 steepest-descent receivers (distances dx, dy, diagonal) and drainage area (m^2) on the
  elevation *before* uplift, then block uplift U*dt of the interior, then the implicit stream-power
  solution (Braun & Willett 2013) with n = 1: z_i = (z_i + U dt + F z_r) / (1 + F), F = K dt A^m / L^n.
- No hillslope diffusion (D = 0).
Different by design (not compared here): geotool's diffusion is explicit 5-point with substeps,
fastscapelib's DiffusionADIEroder is ADI; geotool routes across depressions on an epsilon-filled surface,
fastscapelib uses sink resolvers (MST carve/fill); fastscape's usual loop routes on the uplifted surface.
"""
import json
import os
import subprocess

import numpy as np
import fastscapelib as fs

NR, NC, DX = 40, 48, 100.0
K, M, N, U, DT, STEPS = 1e-4, 0.5, 1.0, 1e-3, 1000.0, 100
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "fastscape")


def write_tif(path, z):
    """Writes z as a Float64 GeoTIFF: an ASCII grid with round-trip decimals, converted by gdal_translate."""
    asc = path[:-4] + ".asc"
    with open(asc, "w") as f:
        f.write(f"ncols {NC}\nnrows {NR}\nxllcorner 0\nyllcorner 0\ncellsize {DX:g}\n")
        for row in z:
            f.write(" ".join(repr(float(v)) for v in row) + "\n")
    subprocess.run(["gdal_translate", "-q", "--config", "AAIGRID_DATATYPE", "Float64", "-ot", "Float64",
                    "-co", "COMPRESS=DEFLATE", asc, path], check=True)
    os.remove(asc)


def main():
    rng = np.random.default_rng(21)
    r, c = np.meshgrid(np.arange(NR), np.arange(NC), indexing="ij")
    dist = np.minimum(np.minimum(r, NR - 1 - r), np.minimum(c, NC - 1 - c))
    z0 = 2.0 * dist + rng.uniform(0, 0.2, size=(NR, NC))
    grid = fs.RasterGrid([NR, NC], [DX, DX], fs.NodeStatus.FIXED_VALUE)
    graph = fs.FlowGraph(grid, [fs.SingleFlowRouter()])
    spl = fs.SPLEroder(graph, k_coef=K, area_exp=M, slope_exp=N, tolerance=1e-12)
    interior = np.zeros((NR, NC), dtype=bool)
    interior[1:-1, 1:-1] = True
    z = z0.copy()
    for _ in range(STEPS):
        graph.update_routes(z)
        area = graph.accumulate(1.0)
        uplifted = z + np.where(interior, U * DT, 0.0)
        z = uplifted - spl.erode(uplifted, area, DT)
    os.makedirs(OUT, exist_ok=True)
    write_tif(os.path.join(OUT, "dem.tif"), z0)
    write_tif(os.path.join(OUT, "elevation_100.tif"), z)
    with open(os.path.join(OUT, "parameters.json"), "w") as f:
        json.dump({"generator": f"fastscapelib {fs.__version__}", "rows": NR, "cols": NC, "cell_size_m": DX,
                   "k": K, "m": M, "n": N, "uplift_m_per_yr": U, "dt_yr": DT, "steps": STEPS,
                   "diffusivity": 0.0}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
