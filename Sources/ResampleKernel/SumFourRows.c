#include "ResampleKernel.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// Valid lanes of `v`: ordered (not NaN) and, with a nodata, different from it.
__attribute__((target("avx2")))
static inline __m256 valid8(__m256 v, __m256 nd, int has_nodata) {
    __m256 ok = _mm256_cmp_ps(v, v, _CMP_ORD_Q);
    return has_nodata ? _mm256_and_ps(ok, _mm256_cmp_ps(v, nd, _CMP_NEQ_UQ)) : ok;
}

__attribute__((target("avx2")))
static inline __m128 valid4(__m128 v, __m128 nd, int has_nodata) {
    __m128 ok = _mm_cmp_ps(v, v, _CMP_ORD_Q);
    return has_nodata ? _mm_and_ps(ok, _mm_cmp_ps(v, nd, _CMP_NEQ_UQ)) : ok;
}

__attribute__((target("avx2")))
static void sum4_avx2(const float *src, ptrdiff_t stride, const int64_t *runs, ptrdiff_t run_count,
                      ptrdiff_t shift, float nodata, int has_nodata, double *sum, int32_t *valid) {
    const float *r0 = src, *r1 = src + stride, *r2 = src + 2 * stride, *r3 = src + 3 * stride;
    const __m256 nd8 = _mm256_set1_ps(nodata);
    const __m128 nd4 = _mm_set1_ps(nodata);
    for (ptrdiff_t q = 0; q < run_count; q++) {
        ptrdiff_t c = (ptrdiff_t)runs[3 * q] - shift;
        const ptrdiff_t end = (ptrdiff_t)runs[3 * q + 1] - shift;
        const int64_t cell = runs[3 * q + 2];
        // Lane k accumulates row k: the four in-order chains run side by side.
        __m256d s = _mm256_setzero_pd();
        int n = 0;
        for (; c + 8 <= end; c += 8) {
            __m256 a = _mm256_loadu_ps(r0 + c), b = _mm256_loadu_ps(r1 + c);
            __m256 d = _mm256_loadu_ps(r2 + c), e = _mm256_loadu_ps(r3 + c);
            __m256 ma = valid8(a, nd8, has_nodata), mb = valid8(b, nd8, has_nodata);
            __m256 md = valid8(d, nd8, has_nodata), me = valid8(e, nd8, has_nodata);
            const __m256 all = _mm256_and_ps(_mm256_and_ps(ma, mb), _mm256_and_ps(md, me));
            if (_mm256_movemask_ps(all) == 0xFF) {
                n += 32;                                              // the usual case: all 32 valid
            } else {
                n += __builtin_popcount((unsigned)_mm256_movemask_ps(ma)) + __builtin_popcount((unsigned)_mm256_movemask_ps(mb))
                   + __builtin_popcount((unsigned)_mm256_movemask_ps(md)) + __builtin_popcount((unsigned)_mm256_movemask_ps(me));
                a = _mm256_and_ps(a, ma); b = _mm256_and_ps(b, mb);     // invalid → +0.0
                d = _mm256_and_ps(d, md); e = _mm256_and_ps(e, me);
            }
            // 4 rows × 8 columns → per column the 4 rows (columns k and k+4 share a register).
            const __m256 t0 = _mm256_unpacklo_ps(a, b), t1 = _mm256_unpackhi_ps(a, b);
            const __m256 t2 = _mm256_unpacklo_ps(d, e), t3 = _mm256_unpackhi_ps(d, e);
            const __m256 c04 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 c15 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 c26 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 c37 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_castps256_ps128(c04)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_castps256_ps128(c15)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_castps256_ps128(c26)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_castps256_ps128(c37)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_extractf128_ps(c04, 1)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_extractf128_ps(c15, 1)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_extractf128_ps(c26, 1)));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm256_extractf128_ps(c37, 1)));
        }
        for (; c < end; c++) {
            __m128 v = _mm_set_ps(r3[c], r2[c], r1[c], r0[c]);
            __m128 m = valid4(v, nd4, has_nodata);
            n += __builtin_popcount((unsigned)_mm_movemask_ps(m));
            s = _mm256_add_pd(s, _mm256_cvtps_pd(_mm_and_ps(v, m)));
        }
        double lanes[4];
        _mm256_storeu_pd(lanes, s);
        double t = sum[cell];
        t += lanes[0];
        t += lanes[1];
        t += lanes[2];
        t += lanes[3];
        sum[cell] = t;
        valid[cell] += n;
    }
}

int geotool_sum4_f32_available(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

void geotool_sum4_f32(const float *src, ptrdiff_t stride, const int64_t *runs, ptrdiff_t run_count,
                      ptrdiff_t shift, float nodata, int has_nodata, double *sum, int32_t *valid) {
    sum4_avx2(src, stride, runs, run_count, shift, nodata, has_nodata, sum, valid);
}

#else

int geotool_sum4_f32_available(void) { return 0; }

void geotool_sum4_f32(const float *src, ptrdiff_t stride, const int64_t *runs, ptrdiff_t run_count,
                      ptrdiff_t shift, float nodata, int has_nodata, double *sum, int32_t *valid) {
    (void)src; (void)stride; (void)runs; (void)run_count; (void)shift; (void)nodata; (void)has_nodata;
    (void)sum; (void)valid;
}

#endif
