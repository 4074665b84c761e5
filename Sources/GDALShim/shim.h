// GDALShim: the GDAL / OGR / PROJ C API for Swift, plus static inline helpers for the
// pieces Swift cannot call directly (variadic functions, macros).
#ifndef GEOTOOL_GDAL_SHIM_H
#define GEOTOOL_GDAL_SHIM_H

#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

/// CPLError is variadic; this forwards a preformatted message.
static inline void geotool_cpl_error(CPLErr level, CPLErrorNum code, const char *message) {
    CPLError(level, code, "%s", message);
}

/// INIT_RASTERIO_EXTRA_ARG is a macro.
static inline void geotool_init_rasterio_extra_arg(GDALRasterIOExtraArg *arg) {
    INIT_RASTERIO_EXTRA_ARG(*arg);
}

/// Error handler that records failures in GDAL's per-thread error state (read back with
/// CPLGetLastErrorMsg / CPLGetLastErrorType right after the failing call) and prints
/// nothing: geotool reports errors itself, one line each. Set GEOTOOL_GDAL_VERBOSE=1 to
/// also print every GDAL message to stderr.
static void geotool_error_handler(CPLErr level, CPLErrorNum code, const char *message) {
    (void)code;
    const char *verbose = CPLGetConfigOption("GEOTOOL_GDAL_VERBOSE", NULL);
    if (verbose != NULL && CPLTestBool(verbose)) {
        fprintf(stderr, "GDAL(%d): %s\n", (int)level, message);
    }
}

/// Installs geotool's quiet error handler for every thread (idempotent).
static inline void geotool_install_error_handler(void) {
    CPLSetErrorHandler(geotool_error_handler);
}

#endif
