// TEM1DKernel: the inner loop of TEM1D's forward model (the Hankel sum over λ for one Laplace-domain node s),
// in C so that it can be compiled twice and picked at run time: AVX2 + FMA (4 doubles per instruction) where the
// CPU has them, a generic build otherwise. Swift has no per-function target attributes, and its SIMD4<Double> lowers to pairs
// of 128-bit operations even with an AVX2 target, so this one loop lives here. Everything else (model set-up,
// λ bounds, contours, gates) stays in the Swift module TEM1D, which documents the formulas.
#ifndef TEM1D_KERNEL_H
#define TEM1D_KERNEL_H

#ifdef __cplusplus
extern "C" {
#endif

/// Per-system filter data (owned by the caller, read-only): λ_k, λ_k², kernel weights c_k and the small-λ tail
/// quadrature weights (8 per k), for k = 0 ..< count, λ ascending; `tail_fractions`: the 4 fractions f_q of the
/// tail step's extra nodes λ_j·f_q that those weights were computed for.
typedef struct {
    const double *lambda;
    const double *lambda2;
    const double *weight;
    const double *tail;
    const double *tail_fractions;
    int count;
} tem1d_filter;

/// One Laplace node: ζ_j = s μ0 σ_j (j < layers), layer thicknesses h_j (j < layers − 1), the λ range
/// [0, k_end) to sum, the small-λ tail threshold λ_c² and the hidden-layer threshold (log of the smallest
/// e^{−2 Re(u) h} still computed).
typedef struct {
    const double *zeta_re;
    const double *zeta_im;
    const double *thick;
    int layers;
    int on_surface;
    int k_end;
    double tail_lambda2;
    double log_tiny;
} tem1d_node;

/// S(s) = Σ_k c_k G(λ_k, s) (+ the tail quadrature), G = r_TE (H > 0) or (r_TE − r_TE(σ1))/(2λ) (H = 0).
/// Writes the real and imaginary parts. Thread-safe (no shared state besides the one-time CPU check).
void tem1d_hankel_sum(const tem1d_filter *filter, const tem1d_node *node, double *out_re, double *out_im);

/// Name of the instruction set the kernel runs with on this CPU ("avx2+fma" or "generic").
const char *tem1d_kernel_isa(void);

/// Forces the portable kernel (for tests and benchmarks: 1) or restores the automatic choice (0).
void tem1d_kernel_force_generic(int force);

/// The kernel's vector e^x and (sin x, cos x), lane 0, for tests (same code as the kernel uses, generic build).
double tem1d_fast_exp(double x);
void tem1d_fast_sincos(double x, double *s, double *c);

#ifdef __cplusplus
}
#endif
#endif
