#ifndef GEOTOOL_CAIRO_SHIM_H
#define GEOTOOL_CAIRO_SHIM_H
// cairo's C API for Swift, plus zlib (used by Plot's fast PNG encoder; zlib1g-dev comes with
// libcairo2-dev/libpng-dev). Every function used is directly callable from Swift, so there are
// no static inline helpers; add them here (static inline only) if a macro or variadic is needed.
#include <cairo.h>
#include <zlib.h>
#endif
