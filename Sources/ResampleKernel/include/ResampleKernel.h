// ResampleKernel: the hottest loop of block aggregation (Float32 sums, four input rows at a time) in C with
// AVX2, used only when the CPU has AVX2 (checked once at run time); everywhere else the Swift loops in
// Resample's AggregationKernel run. Swift has no per-function target attributes, and its generic SIMD code
// cannot express the 4×8 transposition this loop is built on. The arithmetic is exactly the Swift loop's
// (same additions in the same order), so results are bit-identical either way (tests run both).
#ifndef GEOTOOL_RESAMPLE_KERNEL_H
#define GEOTOOL_RESAMPLE_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Non-zero when `geotool_sum4_f32` can run on this CPU (AVX2).
int geotool_sum4_f32_available(void);

/// For four consecutive input rows (`src`, `src + stride`, `src + 2·stride`, `src + 3·stride`) of one output row:
/// for each of the `run_count` column runs (int64 triples start, end, cell: input columns [start, end) feed
/// output cell `cell`; `shift` is subtracted from start/end to index `src`), each row's valid pixels are summed
/// in column order into a Float64 starting at +0.0 (an invalid pixel adds +0.0), and the four row sums are
/// added to `sum[cell]` in row order; `valid[cell]` gets the number of valid pixels. A pixel is valid unless
/// it is NaN or, when `has_nodata`, equals `nodata`.
void geotool_sum4_f32(const float *src, ptrdiff_t stride, const int64_t *runs, ptrdiff_t run_count,
                      ptrdiff_t shift, float nodata, int has_nodata, double *sum, int32_t *valid);

#ifdef __cplusplus
}
#endif

#endif
