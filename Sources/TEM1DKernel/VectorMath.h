// Four-lane double vectors (clang/GCC vector extensions) and branch-free e^x and sincos for the TEM1D kernel
// (glibc's scalar calls were ~45 % of the run time). Accuracy: a few ulp (tests: FastMathTests).
// Everything is always-inline so that each dispatch variant (AVX2 + FMA, generic) compiles its own copy.
#ifndef TEM1D_VECTOR_MATH_H
#define TEM1D_VECTOR_MATH_H

#define TEM1D_INLINE static inline __attribute__((always_inline))

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

TEM1D_INLINE v4d v4_splat(double x) { return (v4d){x, x, x, x}; }

/// Lanes of `a` where `mask` is set (all ones), of `b` elsewhere.
TEM1D_INLINE v4d v4_select(v4l mask, v4d a, v4d b) { return (v4d)((mask & (v4l)a) | (~mask & (v4l)b)); }

TEM1D_INLINE v4d v4_abs(v4d x) { return (v4d)((v4l)x & (v4l){~(1LL << 63), ~(1LL << 63), ~(1LL << 63), ~(1LL << 63)}); }

TEM1D_INLINE int v4_all(v4l mask) { return (mask[0] & mask[1] & mask[2] & mask[3]) != 0; }

TEM1D_INLINE v4d v4_sqrt(v4d x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return (v4d){__builtin_sqrt(x[0]), __builtin_sqrt(x[1]), __builtin_sqrt(x[2]), __builtin_sqrt(x[3])};
#endif
}

/// 1.5 · 2^52: x + magic rounds x to the nearest integer n (|x| < 2^51) and leaves 2^51 + n in the low bits.
#define TEM1D_MAGIC 6755399441055744.0

/// e^x per lane for x in [−700, 700]: k = round(x/ln 2), Cody–Waite reduction (fdlibm constants), Taylor degree 12
/// on |r| ≤ ln2/2 in Estrin's scheme (truncation (ln2/2)^13/13! ≈ 2e-16), then × 2^k through the exponent bits.
TEM1D_INLINE v4d v4_exp(v4d x) {
    const double ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10;
    const double invLn2 = 1.44269504088896338700e+00;
    v4d kMagic = x * invLn2 + TEM1D_MAGIC;
    v4d k = kMagic - TEM1D_MAGIC;
    v4d r = (x - k * ln2Hi) - k * ln2Lo;
    v4d r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    v4d a0 = 1.0 + r, a1 = 0.5 + r * (1.0 / 6.0), a2 = 1.0 / 24.0 + r * (1.0 / 120.0);
    v4d a3 = 1.0 / 720.0 + r * (1.0 / 5040.0), a4 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    v4d a5 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0);
    v4d b0 = a0 + r2 * a1, b1 = a2 + r2 * a3, b2 = a4 + r2 * a5;
    v4d c0 = b0 + r4 * b1, c1 = b2 + r4 * (1.0 / 479001600.0);
    v4d p = c0 + r8 * c1;
    // 2^k: the low bits of kMagic hold 2^51 + k; move k + 1023 into the exponent field.
    v4l bits = ((v4l)kMagic + (1023LL - (1LL << 51))) << 52;
    return p * (v4d)bits;
}

/// (sin x, cos x) per lane for |x| ≲ 1e5: quadrant n = round(2x/π), 3-part π/2 (fdlibm), Taylor on |r| ≤ π/4 in
/// Estrin's scheme (truncation (π/4)^17/17! ≈ 6e-17 for sin, (π/4)^18/18! ≈ 2e-18 for cos).
TEM1D_INLINE void v4_sincos(v4d x, v4d *sinOut, v4d *cosOut) {
    const double pio2_1 = 1.57079632673412561417e+00, pio2_2 = 6.07710050630396597660e-11;
    const double pio2_2t = 2.02226624879595063154e-21, twoOverPi = 6.36619772367581382433e-01;
    v4d nMagic = x * twoOverPi + TEM1D_MAGIC;
    v4d n = nMagic - TEM1D_MAGIC;
    v4d r = ((x - n * pio2_1) - n * pio2_2) - n * pio2_2t;
    v4d r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    v4d s01 = -1.0 / 6.0 + r2 * (1.0 / 120.0), s23 = -1.0 / 5040.0 + r2 * (1.0 / 362880.0);
    v4d s45 = -1.0 / 39916800.0 + r2 * (1.0 / 6227020800.0);
    v4d s = (s01 + r4 * s23) + r8 * (s45 + r4 * (-1.0 / 1307674368000.0));
    v4d sinR = r + r * r2 * s;
    v4d c01 = -0.5 + r2 * (1.0 / 24.0), c23 = -1.0 / 720.0 + r2 * (1.0 / 40320.0);
    v4d c45 = -1.0 / 3628800.0 + r2 * (1.0 / 479001600.0), c67 = -1.0 / 87178291200.0 + r2 * (1.0 / 20922789888000.0);
    v4d c = (c01 + r4 * c23) + r8 * (c45 + r4 * c67);
    v4d cosR = 1.0 + r2 * c;
    // Quadrant n mod 4 (low bits of 2^51 + n): 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
    v4l quadrant = (v4l)nMagic & 3;
    v4l swap = (quadrant & 1) == 1;
    v4d sinQ = v4_select(swap, cosR, sinR), cosQ = v4_select(swap, sinR, cosR);
    *sinOut = v4_select(quadrant >= 2, -sinQ, sinQ);
    *cosOut = v4_select((quadrant == 1) | (quadrant == 2), -cosQ, cosQ);
}

#endif
