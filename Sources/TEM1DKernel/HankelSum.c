// Hankel sum of TEM1D's layered-earth kernel for one Laplace node, four λ nodes per step in vector lanes.
// The formulas (u_j, e_j, the admittance recursion carried as a fraction A/B, the H = 0 remainder without
// cancellation, the small-λ tail quadrature) are documented in Sources/TEM1D/ForwardModeller.swift.
// Compiled twice (AVX2 + FMA, generic x86-64 / other architectures) and dispatched once per process.
#include <stdlib.h>

#include "TEM1DKernel.h"
#include "VectorMath.h"

/// Complex numbers in lanes: lane i = (re[i], im[i]).
typedef struct {
    v4d re, im;
} cv4;

TEM1D_INLINE cv4 cv_add(cv4 a, cv4 b) { return (cv4){a.re + b.re, a.im + b.im}; }
TEM1D_INLINE cv4 cv_sub(cv4 a, cv4 b) { return (cv4){a.re - b.re, a.im - b.im}; }
TEM1D_INLINE cv4 cv_mul(cv4 a, cv4 b) { return (cv4){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
/// Division via the reciprocal of |b|² (magnitudes here are far from over/underflow).
TEM1D_INLINE cv4 cv_div(cv4 a, cv4 b) {
    v4d d = 1.0 / (b.re * b.re + b.im * b.im);
    return (cv4){(a.re * b.re + a.im * b.im) * d, (a.im * b.re - a.re * b.im) * d};
}

/// Principal square root of (x + i y) per lane (Re ≥ 0), branch-free.
TEM1D_INLINE cv4 cv_sqrt(v4d x, v4d y) {
    v4d r = v4_sqrt(x * x + y * y);
    v4d t = v4_sqrt((r + v4_abs(x)) * 0.5);
    t = v4_select(t == 0.0, v4_splat(2.2250738585072014e-308), t);   // z = 0 → 0 instead of 0/0
    v4d b = y / (2.0 * t);
    v4l negative = x < 0.0;
    v4d tSigned = v4_select(y < 0.0, -t, t);
    return (cv4){v4_select(negative, v4_abs(b), t), v4_select(negative, tSigned, b)};
}

/// e^(x + i y) per lane, with x clamped at −700 (e^{−700} ≈ 1e-304: zero for every purpose here).
TEM1D_INLINE cv4 cv_exp(v4d x, v4d y) {
    v4d magnitude = v4_exp(v4_select(x < -700.0, v4_splat(-700.0), x));
    v4d s, c;
    v4_sincos(y, &s, &c);
    return (cv4){magnitude * c, magnitude * s};
}

/// G(λ, s) for four λ lanes; returns 0 when H = 0 and the top layer hides everything in every lane.
TEM1D_INLINE int kernel(v4d l, v4d l2, const tem1d_node *nd, cv4 *u, cv4 *e, cv4 *out) {
    const int n = nd->layers;
    const double *zr = nd->zeta_re, *zi = nd->zeta_im, *h = nd->thick;
    // All u_j first, then the visible depth, then all e_j = e^{−2 u_j h_j} above it: independent square roots and
    // exponentials keep the pipeline full (one layer after another, their latency chains dominated the run time).
    for (int j = 0; j < n; j++) u[j] = cv_sqrt(l2 + zr[j], v4_splat(zi[j]));
    cv4 u1 = u[0];
    int nEff = n;   // layers below index nEff − 1 are hidden: e^{−2 Re(u_j) h_j} < e^{log_tiny} in every lane
    for (int j = 0; j < n - 1; j++) {
        if (v4_all(-2.0 * h[j] * u[j].re < nd->log_tiny)) {
            nEff = j + 1;
            break;
        }
    }
    if (nd->on_surface && nEff == 1) return 0;
    for (int j = 0; j < nEff - 1; j++) e[j] = cv_exp(-2.0 * h[j] * u[j].re, -2.0 * h[j] * u[j].im);
    // Û = A/B bottom-up: A_j = u_j (P + M), B_j = P − M, P = A + u_j B, M = e_j (A − u_j B).
    cv4 numA = u[nEff - 1];
    cv4 denB = {v4_splat(1.0), v4_splat(0.0)};
    // A and B grow by up to ~4|u| per layer; every 8 layers both are scaled back (the formulas below are
    // homogeneous in (A, B)), so models with hundreds of layers do not overflow. Up to 9 layers nothing is scaled.
    for (int jj = nEff - 2, steps = 1; jj >= 1; jj--, steps++) {
        cv4 uj = u[jj];
        cv4 uB = cv_mul(uj, denB);
        cv4 P = cv_add(numA, uB), M = cv_mul(e[jj], cv_sub(numA, uB));
        numA = cv_mul(uj, cv_add(P, M));
        denB = cv_sub(P, M);
        if (steps % 8 == 0) {
            v4d scale = 1.0 / (v4_abs(numA.re) + v4_abs(numA.im) + v4_abs(denB.re) + v4_abs(denB.im));
            numA.re *= scale;
            numA.im *= scale;
            denB.re *= scale;
            denB.im *= scale;
        }
    }
    cv4 lc = {l, v4_splat(0.0)};
    if (nEff == 1) {   // H > 0 only: homogeneous half-space, or a top layer too thick to see through
        *out = cv_div(cv_sub(lc, u1), cv_add(lc, u1));
        return 1;
    }
    cv4 u1B = cv_mul(u1, denB);
    cv4 p = cv_add(u1B, numA), m = cv_mul(e[0], cv_sub(u1B, numA));
    cv4 lPlus = cv_add(lc, u1), lMinus = cv_sub(lc, u1);
    cv4 den = cv_add(cv_mul(lPlus, p), cv_mul(lMinus, m));
    if (nd->on_surface) {
        cv4 num = cv_mul(u1, m);
        num.re *= 2.0;
        num.im *= 2.0;
        *out = cv_div(num, cv_mul(den, lPlus));   // (r − r_hs)/(2λ)
    } else {
        *out = cv_div(cv_add(cv_mul(lMinus, p), cv_mul(lPlus, m)), den);
    }
    return 1;
}

/// Descending λ, four nodes per step (lanes k … k − 3; indices below 0 repeat node 0 with weight 0). Below λ_c
/// the rest of the sum is the tail quadrature: G at λ_j·f_q (`tail_fractions`, one more step) and at the block's lanes.
TEM1D_INLINE void hankel_sum(const tem1d_filter *f, const tem1d_node *nd, double *outRe, double *outIm) {
    // Per-layer lanes on the stack for usual models; on the heap beyond 64 layers (worker stacks are 1 MiB).
    cv4 stackU[64], stackE[64];
    cv4 *u = stackU, *e = stackE, *heap = 0;
    if (nd->layers > 64) {
        heap = aligned_alloc(sizeof(cv4), 2 * (size_t)nd->layers * sizeof(cv4));
        if (!heap) {
            *outRe = *outIm = __builtin_nan("");
            return;
        }
        u = heap;
        e = heap + nd->layers;
    }
    const double *lam = f->lambda, *lam2 = f->lambda2, *w = f->weight;
    v4d accRe = v4_splat(0.0), accIm = v4_splat(0.0);
    for (int k = nd->k_end - 1; k >= 0; k -= 4) {
        v4d weight, l, l2;
        if (k >= 3) {
            weight = (v4d){w[k], w[k - 1], w[k - 2], w[k - 3]};
            l = (v4d){lam[k], lam[k - 1], lam[k - 2], lam[k - 3]};
            l2 = (v4d){lam2[k], lam2[k - 1], lam2[k - 2], lam2[k - 3]};
        } else {
            for (int i = 0; i < 4; i++) {
                int ki = k - i >= 0 ? k - i : 0;
                weight[i] = k - i >= 0 ? w[ki] : 0.0;
                l[i] = lam[ki];
                l2[i] = lam2[ki];
            }
        }
        int jLow = k - 3;
        cv4 K;
        if (!kernel(l, l2, nd, u, e, &K)) continue;
        accRe += weight * K.re;
        accIm += weight * K.im;
        if (jLow >= 1 && l2[3] < nd->tail_lambda2) {
            const double *fr = f->tail_fractions;
            v4d lx = (v4d){fr[0], fr[1], fr[2], fr[3]} * lam[jLow];
            cv4 KX;
            if (!kernel(lx, lx * lx, nd, u, e, &KX)) break;
            const double *tw = f->tail + 8 * jLow;
            v4d w0 = {tw[0], tw[1], tw[2], tw[3]}, w1 = {tw[4], tw[5], tw[6], tw[7]};
            accRe += w0 * KX.re + w1 * K.re;
            accIm += w0 * KX.im + w1 * K.im;
            break;
        }
    }
    *outRe = (accRe[0] + accRe[1]) + (accRe[2] + accRe[3]);
    *outIm = (accIm[0] + accIm[1]) + (accIm[2] + accIm[3]);
    free(heap);
}

static void sum_generic(const tem1d_filter *f, const tem1d_node *nd, double *re, double *im) {
    hankel_sum(f, nd, re, im);
}

#if defined(__x86_64__) && defined(__clang__)
#define TEM1D_HAS_AVX2_VARIANT 1
__attribute__((target("avx2,fma")))
static void sum_avx2(const tem1d_filter *f, const tem1d_node *nd, double *re, double *im) {
    hankel_sum(f, nd, re, im);
}
#endif

/// 1 if the CPU runs the AVX2 + FMA variant, 0 if not, −1 before the first query.
static int cpu_capability = -1;
static int forced_generic = 0;

static int use_avx2(void) {
#ifdef TEM1D_HAS_AVX2_VARIANT
    int cap = __atomic_load_n(&cpu_capability, __ATOMIC_RELAXED);
    if (cap < 0) {
        __builtin_cpu_init();
        cap = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        __atomic_store_n(&cpu_capability, cap, __ATOMIC_RELAXED);
    }
    return cap && !__atomic_load_n(&forced_generic, __ATOMIC_RELAXED);
#else
    return 0;
#endif
}

void tem1d_hankel_sum(const tem1d_filter *filter, const tem1d_node *node, double *out_re, double *out_im) {
#ifdef TEM1D_HAS_AVX2_VARIANT
    if (use_avx2()) {
        sum_avx2(filter, node, out_re, out_im);
        return;
    }
#endif
    sum_generic(filter, node, out_re, out_im);
}

const char *tem1d_kernel_isa(void) { return use_avx2() ? "avx2+fma" : "generic"; }

void tem1d_kernel_force_generic(int force) { __atomic_store_n(&forced_generic, force, __ATOMIC_RELAXED); }

double tem1d_fast_exp(double x) { return v4_exp(v4_splat(x))[0]; }

void tem1d_fast_sincos(double x, double *s, double *c) {
    v4d vs, vc;
    v4_sincos(v4_splat(x), &vs, &vc);
    *s = vs[0];
    *c = vc[0];
}
