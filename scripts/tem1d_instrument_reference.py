#!/usr/bin/env python3
"""Independent reference for geotool's TEM1D instrument path (issue 23): SkyTEM low and high moment (the GA-AEM
system files in fixtures/tem1d/systems/, copied from GeoscienceAustralia/ga-aem, see SOURCE.md there) over random
layered earths, on the ground and at 20-40 m, window means of -dBz/dt and Bz.

Method (frequency domain, nothing shared with geotool's Laplace-domain time stepping):
  * steady-state bipolar repetition = Fourier series at the odd harmonics f_n = n f0 of the base frequency;
    exact coefficients of the piecewise-linear pulse p(t): c_n = (2/T) P(w_n), P(w) = sum_i m_i (e^{-iwt_i} -
    e^{-iwt_{i+1}})/(iw)^2 (m_i: slope of segment i; time dependence e^{+iwt});
  * secondary Hz per 1 A in a horizontal circular loop of radius a at height H, receiver on the axis: empymod's
    wavenumber-domain VMD kernel (dipole_k, ab=66, quasi-static: epermH = epermV = 0) for the earth minus the same
    for an all-air model (removes the primary), times i w mu0 (empymod's magnetic-source scaling), integrated over
    the loop's disc: Hz = int PJ0(l) 2 pi a J1(l a)/l dl with empymod's Werthmueller 2018 201-point J1 filter
    (geotool uses Key 2012). Checked against the closed-form half-space (Ward & Hohmann 1988) below;
  * receiver filters: prod (1 + i f/fc)^(-order) (GA-AEM's definition);
  * window means of e^{iwt} in closed form: boxcar (e^{iwt2} - e^{iwt1})/(iwW) (AreaUnderCurve = exact mean);
  * harmonics: exact empymod evaluation for the first N_EXACT odd harmonics, above that a cubic spline in log f of
    200 exact evaluations per decade, up to F_MAX (checks below print the spline and truncation errors).
Outputs: fixtures/tem1d/instrument-reference.json (geotool's tests read it; they never run Python).
Usage: /work/venvs/tem/bin/python scripts/tem1d_instrument_reference.py [--models 30] [--out PATH]
       ... --bench MODELS.csv [--count N] [--height H]: time N dual-moment soundings (both SkyTEM moments) of the
       models in MODELS.csv (rho_*, thk_* columns) with this frequency-domain method (scripts/bench-tem1d.sh)
Needs numpy, scipy, empymod (pip install empymod scipy).
"""
import argparse, json, re, sys, time
import numpy as np
import empymod
import scipy
from scipy.interpolate import CubicSpline

MU0 = 4e-7 * np.pi
AIR = 1e20
N_EXACT = 2000          # odd harmonics evaluated exactly
F_MAX = 2.0e7           # Hz, last harmonic summed
PER_DECADE = 200        # spline nodes per decade above the exact harmonics
FILT = empymod.filters.Hankel().wer_201_2018


def parse_stm(path):
    """Minimal GA-AEM block reader: Key = value lines and 'X Begin' ... 'X End' blocks, // comments."""
    root, stack = {}, []
    cur = root
    for raw in open(path):
        line = raw.split("//")[0].strip()
        if not line:
            continue
        m = re.match(r"^(\w+)\s+Begin$", line, re.I)
        if m:
            new = {}
            cur[m.group(1)] = new
            stack.append(cur)
            cur = new
            continue
        if re.match(r"^(\w+)\s+End$", line, re.I):
            cur = stack.pop()
            continue
        if "=" in line:
            k, v = line.split("=", 1)
            cur[k.strip()] = v.strip()
        else:
            cur.setdefault("_rows", []).append([float(x) for x in line.split()])
    return root["System"]


def moment_from_stm(path, name):
    s = parse_stm(path)
    tx, rx, fm = s["Transmitter"], s["Receiver"], s["ForwardModelling"]
    wave = np.array(tx["WaveFormCurrent"]["_rows"])
    windows = np.array((rx.get("WindowTimes") or rx.get("Windows"))["_rows"])
    lp = rx.get("LowPassFilter", {})
    cut = [float(x) for x in lp.get("CutOffFrequency", "").split()]
    order = [int(float(x)) for x in lp.get("Order", "").split()]
    assert rx["WindowWeightingScheme"].lower() == "areaundercurve"
    return dict(name=name, f0=float(tx["BaseFrequency"]), wave_t=wave[:, 0], wave_i=wave[:, 1],
                windows=windows, filters=list(zip(cut, order)), radius=float(fm["ModellingLoopRadius"]))


def hz_secondary(freqs, res, thick, a, height, dz=0.0):
    """Secondary Hz (A/m per A) on the axis of the loop, e^{iwt}, quasi-static."""
    lam = FILT.base / a
    depth = list(np.cumsum([0.0] + list(thick)))
    out = np.empty(len(freqs), dtype=complex)
    zs, zr = -height, -(height + dz)
    for lo in range(0, len(freqs), 4000):
        f = freqs[lo:lo + 4000]
        kw = dict(ab=66, verb=0)
        earth = empymod.dipole_k([0, 0, zs], [0, 0, zr], depth, [AIR] + list(res), f, lam,
                                 epermH=[0] * (len(res) + 1), epermV=[0] * (len(res) + 1), **kw)[0]
        air = empymod.dipole_k([0, 0, zs], [0, 0, zr], depth, [AIR] * (len(res) + 1), f, lam,
                               epermH=[0] * (len(res) + 1), epermV=[0] * (len(res) + 1), **kw)[0]
        g = (earth - air).reshape(len(f), -1) * 2 * np.pi * a / lam
        out[lo:lo + 4000] = (g * FILT.j1).sum(axis=-1) / a * (1j * 2 * np.pi * f * MU0)
    return out


def hz_harmonics(fn, res, thick, a, height, dz=0.0):
    """Exact for the first N_EXACT harmonics, cubic spline (Re, Im vs log f) above."""
    out = np.empty(len(fn), dtype=complex)
    k = min(N_EXACT, len(fn))
    out[:k] = hz_secondary(fn[:k], res, thick, a, height, dz)
    if k < len(fn):
        lo, hi = np.log10(fn[k - 1]) - 0.05, np.log10(fn[-1]) + 0.05
        grid = np.logspace(lo, hi, int((hi - lo) * PER_DECADE) + 1)
        h = hz_secondary(grid, res, thick, a, height, dz)
        x = np.log10(grid)
        out[k:] = CubicSpline(x, h.real)(np.log10(fn[k:])) + 1j * CubicSpline(x, h.imag)(np.log10(fn[k:]))
    return out


def pulse_spectrum(t, i, w):
    m = np.diff(i) / np.diff(t)
    e = np.exp(-1j * np.outer(w, t))
    return ((e[:, :-1] - e[:, 1:]) * m).sum(axis=1) / (1j * w) ** 2


def response(mom, res, thick, height, f_max=F_MAX, dz=0.0):
    f0 = mom["f0"]
    T = 1 / f0
    n = np.arange(1, int(f_max / f0) + 1, 2)
    fn = n * f0
    w = 2 * np.pi * fn
    c = 2 / T * pulse_spectrum(mom["wave_t"], mom["wave_i"], w)
    filt = np.ones(len(fn), dtype=complex)
    for fc, order in mom["filters"]:
        filt /= (1 + 1j * fn / fc) ** order
    hz = hz_harmonics(fn, res, thick, mom["radius"], height, dz)
    b = c * MU0 * hz * filt                     # complex amplitude of Bz at w (plus its conjugate at -w)
    t1, t2 = mom["windows"][:, 0], mom["windows"][:, 1]
    W = t2 - t1
    mean = (np.exp(1j * np.outer(t2, w)) - np.exp(1j * np.outer(t1, w))) / (1j * np.outer(W, w))   # window × harmonic
    bz = 2 * (mean * b).real.sum(axis=1)
    dbdt = -2 * (mean * (1j * w * b)).real.sum(axis=1)    # −dBz/dt
    return dbdt, bz


def checks(moments):
    """Normalisation against the closed-form half-space, spline and truncation errors (printed, stored)."""
    a = moments[0]["radius"]
    f = np.logspace(1, 7, 25)
    rho = 30.0
    k2 = -1j * 2 * np.pi * f * MU0 / rho
    k = np.sqrt(k2)
    ww = -1 / (k2 * a ** 3) * (3 - (3 + 3j * k * a - k2 * a * a) * np.exp(-1j * k * a)) - 1 / (2 * a)
    hs = np.max(np.abs(hz_secondary(f, [rho], [], a, 0.0) / ww - 1))
    res, thick = [300.0, 5.0, 1000.0], [20.0, 40.0]
    out = {"half_space_vs_ward_hohmann": float(hs)}
    for mom in moments:
        n = np.arange(2 * N_EXACT + 1, 2 * N_EXACT + 400, 38)
        fn = n * mom["f0"]
        spline = hz_harmonics(np.concatenate([np.arange(1, 2 * N_EXACT, 2) * mom["f0"], fn]), res, thick, a, 25.0)[N_EXACT:]
        exact = hz_secondary(fn, res, thick, a, 25.0)
        d1, b1 = response(mom, res, thick, 25.0)
        d2, b2 = response(mom, res, thick, 25.0, f_max=F_MAX / 2)
        out[mom["name"]] = {"spline_rel_err": float(np.max(np.abs(spline / exact - 1))),
                            "truncation_dbdt": float(np.max(np.abs(d2 / d1 - 1))),
                            "truncation_bz": float(np.max(np.abs(b2 / b1 - 1)))}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", type=int, default=30)
    ap.add_argument("--systems", default="fixtures/tem1d/systems")
    ap.add_argument("--out", default="fixtures/tem1d/instrument-reference.json")
    ap.add_argument("--bench", help="models CSV to time (no output written)")
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--height", type=float, default=30.0)
    args = ap.parse_args()
    moments = [moment_from_stm(f"{args.systems}/Skytem-LM.stm", "LM"), moment_from_stm(f"{args.systems}/Skytem-HM.stm", "HM")]
    if args.bench:
        import csv
        rows = list(csv.DictReader(open(args.bench)))[:args.count]
        t0 = time.time()
        for r in rows:
            res = [float(r[k]) for k in sorted((k for k in r if k.startswith("rho_") and r[k]), key=lambda k: int(k[4:]))]
            thick = [float(r[k]) for k in sorted((k for k in r if k.startswith("thk_") and r[k]), key=lambda k: int(k[4:]))]
            for mom in moments:
                response(mom, res, thick, args.height)
        dt = time.time() - t0
        print(f"empymod frequency-domain reference (exact pulse spectrum, {N_EXACT} exact harmonics + spline to "
              f"{F_MAX:.0e} Hz, filters, window means): {len(rows)} dual-moment soundings in {dt:.2f} s = "
              f"{dt / max(len(rows), 1):.3f} s per sounding (1 process)")
        return
    rng = np.random.default_rng(20261207)
    cases = []
    t0 = time.time()
    for i in range(args.models):
        nl = int(rng.integers(3, 6))
        res = list(10 ** rng.uniform(0, 3, nl))
        thick = list(10 ** rng.uniform(0.3, 1.8, nl - 1))
        for height in [0.0, float(rng.uniform(20, 40))]:
            case = {"id": f"m{i:02d}-H{height:.1f}", "resistivity_ohm_m": res, "thickness_m": thick, "height_m": height}
            for mom in moments:
                d, b = response(mom, res, thick, height)
                case[mom["name"]] = {"dbzdt_T_per_s": list(d), "bz_T": list(b)}
            cases.append(case)
        print(f"model {i + 1}/{args.models} ({time.time() - t0:.0f} s)", file=sys.stderr)
    # A receiver 2 m above the loop plane (on its axis), loop at 30 m: 4 more earths.
    for i in range(4):
        nl = int(rng.integers(3, 6))
        res = list(10 ** rng.uniform(0, 3, nl))
        thick = list(10 ** rng.uniform(0.3, 1.8, nl - 1))
        case = {"id": f"dz{i}-H30.0", "resistivity_ohm_m": res, "thickness_m": thick, "height_m": 30.0, "rx_dz_m": 2.0}
        for mom in moments:
            d, b = response(mom, res, thick, 30.0, dz=2.0)
            case[mom["name"]] = {"dbzdt_T_per_s": list(d), "bz_T": list(b)}
        cases.append(case)
    doc = {
        "conventions": {
            "systems": "fixtures/tem1d/systems/Skytem-LM.stm (moment LM), Skytem-HM.stm (moment HM)",
            "quantity": "window means (AreaUnderCurve = exact mean) of -dBz/dt (T/s) and Bz (T), secondary field, "
                        "per 1 A of peak current in a 1-turn circular loop of the ModellingLoopRadius, receiver at the "
                        "loop centre (same height), receiver low-pass filters applied, steady-state bipolar repetition",
            "method": __doc__.split("Method")[1].split("Outputs:")[0].strip(),
            "software": {"empymod": empymod.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
            "n_exact": N_EXACT, "f_max_hz": F_MAX, "spline_per_decade": PER_DECADE,
        },
        "checks": checks(moments),
        "cases": cases,
    }
    print(json.dumps(doc["checks"], indent=1), file=sys.stderr)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    main()
