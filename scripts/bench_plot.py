#!/usr/bin/env python3
"""Benchmark helper for scripts/bench-plot.sh: makes the inputs and times matplotlib (Agg).

  bench_plot.py make DIR            write DIR/dem.bin+.hdr (ENVI float32 1000x1000), DIR/dem.npy,
                                    DIR/scatter.csv (2000 points), DIR/batch.csv (100 groups x 500 points)
  bench_plot.py map DIR OUT.png     matplotlib imshow + colorbar of dem.npy (2nd-98th percentile range)
  bench_plot.py scatter DIR OUT.png predicted vs observed with 1:1 line, fit line and N/RMSE/bias/R2
  bench_plot.py batch DIR OUTDIR    100 scatter PNGs with multiprocessing Pool(2) + summary.csv
  bench_plot.py inprocess DIR OUT   in-process timings (import excluded, warm) of map and scatter
  bench_plot.py time REPS CLEAR -- CMD...
                                    best-of-REPS wall and CPU (user+sys of all descendants) seconds of CMD,
                                    removing directory CLEAR (unless "-") before each run; prints "wall cpu"
Prints "seconds" lines for the timed parts.
"""
import csv, os, sys, time
import numpy as np

W = H = 1000

def make(d):
    os.makedirs(d, exist_ok=True)
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    z = 500 + 200 * np.sin(x / 70) * np.cos(y / 55) + 0.3 * x + 5 * np.sin(x / 3.1 + y / 5.3)
    z[(x - 700) ** 2 + (y - 300) ** 2 < 80 ** 2] = np.nan
    z.astype(np.float32).tofile(os.path.join(d, "dem.bin"))
    with open(os.path.join(d, "dem.hdr"), "w") as f:
        f.write("ENVI\nsamples = %d\nlines = %d\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\n"
                "data type = 4\ninterleave = bsq\nbyte order = 0\n"
                "map info = {UTM, 1, 1, 500000, 4200000, 10, 10, 33, North, WGS-84}\n"
                "data ignore value = nan\n" % (W, H))
    np.save(os.path.join(d, "dem.npy"), z)
    rng = np.random.default_rng(42)
    obs = 285 + 30 * rng.random(2000)
    pred = 0.9 * obs + 30 + 1.5 * rng.standard_normal(2000)
    with open(os.path.join(d, "scatter.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(["observed", "predicted"]); w.writerows(zip(obs, pred))
    with open(os.path.join(d, "batch.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(["site", "variable", "observed", "predicted"])
        for g in range(100):
            o = 285 + 30 * rng.random(500)
            p = 0.95 * o + 15 + 2 * rng.standard_normal(500)
            w.writerows(("S%02d" % (g // 2), "LST" if g % 2 == 0 else "ET", a, b) for a, b in zip(o, p))

def plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as p
    return p

def render_map(p, z, out):
    vmin, vmax = np.nanpercentile(z, [2, 98])
    fig, ax = p.subplots(figsize=(8, 6), dpi=100)
    im = ax.imshow(z, cmap="viridis", vmin=vmin, vmax=vmax, extent=(500000, 510000, 4190000, 4200000))
    fig.colorbar(im, ax=ax, label="Elevation (m)")
    ax.set_xlabel("Easting (m)"); ax.set_ylabel("Northing (m)"); ax.set_title("DEM")
    fig.savefig(out); p.close(fig)

def metrics(o, pr):
    ok = np.isfinite(o) & np.isfinite(pr); o, pr = o[ok], pr[ok]
    e = pr - o
    n = len(o)
    rmse = float(np.sqrt(np.mean(e ** 2))); bias = float(np.mean(e))
    r2 = float(1 - np.sum(e ** 2) / np.sum((o - o.mean()) ** 2))
    return n, rmse, bias, r2, o, pr

def render_scatter(p, o, pr, out, title="predicted vs observed"):
    n, rmse, bias, r2, o, pr = metrics(o, pr)
    fig, ax = p.subplots(figsize=(6.4, 6), dpi=100)
    alpha = 1 if n <= 200 else max(0.08, (200 / n) ** 0.5)
    ax.scatter(o, pr, s=12, alpha=alpha, edgecolors="none")
    lo, hi = min(o.min(), pr.min()), max(o.max(), pr.max())
    ax.plot([lo, hi], [lo, hi], "k--", lw=1, label="1:1")
    b, a = np.polyfit(o, pr, 1)
    ax.plot([lo, hi], [a + b * lo, a + b * hi], "r-", lw=1.2, label="fit")
    ax.text(0.03, 0.97, "N = %d\nRMSE = %.4g\nBias = %.4g\nR² = %.3f" % (n, rmse, bias, r2), transform=ax.transAxes,
            va="top", bbox=dict(facecolor="white", alpha=0.85))
    ax.set_aspect("equal"); ax.grid(alpha=0.3); ax.legend(loc="lower right")
    ax.set_xlabel("observed"); ax.set_ylabel("predicted"); ax.set_title(title)
    fig.savefig(out); p.close(fig)
    return n, rmse, bias, r2

def read_scatter(d):
    a = np.loadtxt(os.path.join(d, "scatter.csv"), delimiter=",", skiprows=1)
    return a[:, 0], a[:, 1]

def batch_item(args):
    key, o, pr, outdir = args
    p = plt()
    return key, render_scatter(p, o, pr, os.path.join(outdir, "%s_%s.png" % key), " · ".join(key))

def batch(d, outdir):
    from multiprocessing import Pool
    os.makedirs(outdir, exist_ok=True)
    groups = {}
    with open(os.path.join(d, "batch.csv")) as f:
        r = csv.reader(f); next(r)
        for site, var, o, pr in r:
            groups.setdefault((site, var), ([], []))
            groups[(site, var)][0].append(float(o)); groups[(site, var)][1].append(float(pr))
    items = [(k, np.array(v[0]), np.array(v[1]), outdir) for k, v in sorted(groups.items())]
    with Pool(2) as pool:
        rows = pool.map(batch_item, items)
    with open(os.path.join(outdir, "summary.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(["site", "variable", "n", "rmse", "bias", "r2"])
        for (k, m) in rows: w.writerow(list(k) + list(m))

def inprocess(d, out):
    p = plt()
    z = np.load(os.path.join(d, "dem.npy")); o, pr = read_scatter(d)
    render_map(p, z, out + "_warmup_map.png"); render_scatter(p, o, pr, out + "_warmup_scatter.png")
    for name, f in [("map", lambda: render_map(p, z, out + "_map.png")),
                    ("scatter", lambda: render_scatter(p, o, pr, out + "_scatter.png"))]:
        ts, cs = [], []
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time(); f()
            ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
        print("inprocess %s %.3f %.3f" % (name, min(ts), min(cs)))

def time_cmd(reps, clear, cmd):
    import resource, shutil, subprocess
    best_wall = best_cpu = float("inf")
    for _ in range(reps):
        if clear != "-":
            shutil.rmtree(clear, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode()); sys.exit(r.returncode)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    print("%.3f %.3f" % (best_wall, best_cpu))

if __name__ == "__main__":
    if sys.argv[1] == "time":
        time_cmd(int(sys.argv[2]), sys.argv[3], sys.argv[sys.argv.index("--") + 1:]); sys.exit(0)
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "make": make(d)
    elif cmd == "map": render_map(plt(), np.load(os.path.join(d, "dem.npy")), sys.argv[3])
    elif cmd == "scatter": render_scatter(plt(), *read_scatter(d), sys.argv[3])
    elif cmd == "batch": batch(d, sys.argv[3])
    elif cmd == "inprocess": inprocess(d, sys.argv[3])
