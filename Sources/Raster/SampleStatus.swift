/// The outcome of sampling one point in one band.
public enum SampleStatus: String, Sendable, CaseIterable, Codable {
    /// A value was produced.
    case ok
    /// The point lies outside the raster (or could not be transformed to its CRS).
    case outside
    /// The point's pixel is nodata or NaN.
    case nodata
    /// The pixel is valid but excluded by a mask (QC, cloud, water, land cover …).
    case masked
}
