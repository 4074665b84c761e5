#!/usr/bin/env python3
"""Accuracy check of TEM1D's small-lambda tail quadrature (ForwardModeller, TailQuadrature), numpy only.

For random 2-6-layer models (rho log-uniform 1-1000 ohm.m, h log-uniform 1-100 m), a = 20 m, H = 0, the Key 201
J1 filter and nodes of the 'high' hyperbolic contours (4 windows starting at 1e-6 ... 2e-3 s), compares the exact
filter sum over the nodes below the tail block, sum_{i<j} w_i G(lambda_i), with the interpolatory quadrature
(G at lambda_j*{0, 0.3, 0.6, 0.85} and at lambda_j..lambda_{j+3}, degree-7 polynomial), relative to |S|.
lambda_c^2 = eps * min_j min(|zeta_j|, sqrt|zeta_j|/h_j); prints the worst error per eps.
Usage: scripts/tem1d_tail_check.py [--models 31]
"""
import argparse, os, numpy as np
MU0 = 4e-7 * np.pi
here = os.path.dirname(os.path.abspath(__file__))
F = np.loadtxt(os.path.join(here, "..", "Sources", "TEM1D", "Filters", "hankel_key_201_2012_j1.txt"), comments="#")
A = 20.0
lam = F[:, 0] / A
c = 0.5 * lam * F[:, 1]

def G(l, s, rho, thk):
    """(r_TE - r_TE(sigma1)) / (2 lambda) for H = 0 (same recursion as the Swift kernel)."""
    z = s * MU0 / np.array(rho)
    u = np.sqrt(l[:, None] ** 2 + z[None, :] + 0j)
    e = np.exp(-2 * u[:, :-1] * np.array(thk)[None, :])
    a, b = u[:, -1].copy(), np.ones_like(u[:, -1])
    for j in range(len(rho) - 2, 0, -1):
        ub = u[:, j] * b
        p, m = a + ub, e[:, j] * (a - ub)
        a, b = u[:, j] * (p + m), p - m
    u1 = u[:, 0]
    p, m = u1 * b + a, e[:, 0] * (u1 * b - a)
    return 2 * u1 * m / (((l + u1) * p + (l - u1) * m) * (l + u1))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", type=int, default=31)
    n = ap.parse_args().models
    rng = np.random.default_rng(3)
    models = []
    for _ in range(n):
        k = rng.integers(2, 7)
        models.append((list(10 ** (3 * rng.random(k))), list(10 ** (2 * rng.random(k - 1)))))
    mu, al, hf, M = 1.654947180009701, 1.0134002344752793, 3.4051530874114917, 22   # 'high' contour row
    w = 2 * lam * c
    for eps in (1e-2, 3e-2, 1e-1):
        worst = 0.0
        for rho, thk in models:
            for t0 in (1e-6, 1e-5, 1e-4, 2e-3):
                for k in range(0, M + 1, 2):
                    u = k * hf / M
                    s = (mu / t0) * (1 - np.sin(al) * np.cosh(u) + 1j * np.cos(al) * np.sinh(u))
                    g = G(lam, s, rho, thk)
                    S = (w * g).sum()
                    zz = np.abs(s * MU0 / np.array(rho))
                    lc2 = eps * min(zz.min(), (np.sqrt(zz[:-1]) / np.array(thk)).min())
                    j = np.searchsorted(lam ** 2, lc2) - 1
                    if j < 1:
                        continue
                    exact = (w[:j] * g[:j]).sum()
                    x = np.concatenate([lam[j] * np.array([0, 0.3, 0.6, 0.85]), lam[j:j + 4]])
                    gx = np.concatenate([G(x[:4], s, rho, thk), g[j:j + 4]])
                    scale = lam[j + 3]
                    gam = np.linalg.solve(np.vander(x / scale, 8, increasing=True), gx)
                    approx = sum(gam[m] * (w[:j] * (lam[:j] / scale) ** m).sum() for m in range(8))
                    worst = max(worst, abs(approx - exact) / abs(S))
        print(f"lambda_c^2 = {eps:g} * min(|zeta|, sqrt|zeta|/h): worst tail error / |S| = {worst:.2e}")

if __name__ == "__main__":
    main()
