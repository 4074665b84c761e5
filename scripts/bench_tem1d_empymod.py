#!/usr/bin/env python3
"""Time empymod on the same random central-loop models as geotool's TEM1D benchmark (cross-check only;
geotool itself needs no Python).

Models: 2-6 layers, rho log-uniform 1-1000 ohm.m, thickness log-uniform 1-100 m (numpy seed), a = 20 m, H = 0,
30 gates logspace(-6, -2). The circular loop is a 12-segment polygon of electric bipoles (equal area), receiver Hz
at the centre, switch-off (signal=-1, Bz) and impulse (signal=0, dBz/dt). Two settings:
  fast:     Hankel key_101_2009, Fourier key_81_2009 (splined, 5 frequencies per decade)
  accurate: Hankel key_201_2009, Fourier key_241_2009 (splined, 10 frequencies per decade)
Usage: bench_tem1d_empymod.py --write-models models.csv --count 10000
       bench_tem1d_empymod.py --models models.csv --count 200 --workers 2
"""
import argparse, csv, time, numpy as np
from multiprocessing import Pool
MU0 = 4e-7 * np.pi
TIMES = np.logspace(-6, -2, 30)
A = 20.0

def random_models(n, seed=20240607):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        k = int(rng.integers(2, 7))
        out.append((list(10 ** (3 * rng.random(k))), list(10 ** (2 * rng.random(k - 1)))))
    return out

def write_models(path, models):
    # One CSV for all models: columns for the largest layer count, fewer-layer models leave the rest empty
    # (geotool's ModelCSV reads that; one `geotool tem1d run` then handles the whole mixed set).
    n = max(len(rho) for rho, _ in models)
    p = f"{path}.csv"
    with open(p, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"rho_{i+1}" for i in range(n)] + [f"thk_{i+1}" for i in range(n - 1)])
        for rho, thk in models:
            pad = [""] * (n - len(rho))
            w.writerow([repr(float(v)) for v in rho] + pad + [repr(float(v)) for v in thk] + pad)
    return [p]

SETTINGS = {
    "fast": dict(htarg={"dlf": "key_101_2009", "pts_per_dec": 0}, ftarg={"dlf": "key_81_2009", "pts_per_dec": 5}),
    "accurate": dict(htarg={"dlf": "key_201_2009", "pts_per_dec": 0}, ftarg={"dlf": "key_241_2009", "pts_per_dec": 10}),
}
_setting = None

def loop_src(nseg=12):
    # polygon with the same area as the circle of radius A
    r = A * np.sqrt(2 * np.pi / (nseg * np.sin(2 * np.pi / nseg)))
    phi = np.linspace(0, 2 * np.pi, nseg + 1)
    x, y = r * np.cos(phi), r * np.sin(phi)
    return [x[:-1], x[1:], y[:-1], y[1:], np.full(nseg, -1e-3), np.full(nseg, -1e-3)]

def one(model):
    import empymod
    rho, thk = model
    depth = [0.0] + list(np.cumsum(thk))
    res = [2e14] + list(rho)
    out = []
    for signal in (-1, 0):
        h = empymod.bipole(src=loop_src(), rec=[0, 0, -1e-3, 0, 90], depth=depth, res=res, freqtime=TIMES,
                           signal=signal, mrec=True, srcpts=1, strength=1, verb=1, **_setting)
        out.append(np.real(np.sum(h, axis=-1)) if np.ndim(h) > 1 else np.real(h))
    return MU0 * out[0], MU0 * out[1]

def init(name):
    global _setting
    _setting = SETTINGS[name]

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--write-models")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--settings", default="fast,accurate")
    a = ap.parse_args()
    models = random_models(a.count)
    if a.write_models:
        for p in write_models(a.write_models, models):
            print(p)
    else:
        for name in a.settings.split(","):
            with Pool(a.workers, initializer=init, initargs=(name,)) as pool:
                t0 = time.time()
                res = pool.map(one, models, chunksize=max(1, len(models) // (4 * a.workers)))
                dt = time.time() - t0
            print(f"empymod {name}: {len(models)} models, {a.workers} workers: {dt:.2f} s = {len(models)/dt:.1f} models/s")
