/// How `PointSampler` turns the pixels around a point into one value.
///
/// Every method first finds the point's own pixel with GDAL's convention (continuous pixel
/// coordinates floored, so a point on a pixel corner belongs to the pixel to its lower right,
/// as `gdallocationinfo` does). That pixel decides the status: outside the raster → `outside`,
/// nodata/NaN → `nodata`. Only when it is valid does the method compute a value:
public enum SamplingMethod: String, Sendable, CaseIterable, Codable {
    /// The point's own pixel (identical to `gdallocationinfo -valonly`).
    case nearest
    /// Bilinear interpolation between the four pixel *centres* around the point. Neighbours
    /// that lie outside the raster or are nodata/NaN are dropped and the remaining weights
    /// renormalised, so at the outer half-pixel of the raster and next to nodata the value
    /// degrades gracefully towards the point's own pixel (which is always valid and carries a
    /// weight ≥ 0.25). At an exact pixel centre the result is that pixel's value.
    case bilinear
    /// Mean of the valid pixels of the 3×3 window centred on the point's pixel (clipped at the
    /// raster edge).
    case mean3x3
    /// Median of the valid pixels of the 3×3 window (mean of the two middle values when their
    /// count is even), clipped at the raster edge.
    case median3x3

    /// Half-size of the pixel neighbourhood the method reads around the point's own pixel.
    var reach: Int { self == .nearest ? 0 : 1 }
}
