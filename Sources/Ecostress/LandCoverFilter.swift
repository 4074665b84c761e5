import Foundation
import Raster

/// Keeps only pixels whose land-cover class is one of `classes` (e.g. MapBiomas forest classes
/// 3–6): a pixel is masked when its class is another one, or when the land-cover raster has
/// nodata or does not cover it. The land-cover raster may have any CRS and resolution: it is
/// sampled (nearest, GDAL convention) at the centres of the pixels being masked.
public struct LandCoverFilter: Sendable, Equatable {
    /// The land-cover raster (band 1 holds integer classes).
    public let path: String
    /// Classes kept.
    public let classes: Set<Int>

    public init(path: String, classes: Set<Int>) {
        self.path = path
        self.classes = classes
    }

    /// Parses a class list such as `3,4,5-6` (single classes and inclusive ranges, comma-separated).
    /// Throws naming the `landCoverClasses` field and the part that is not a class or a range.
    public static func classes(parsing text: String) throws -> Set<Int> {
        var out = Set<Int>()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let lo = bounds.first ?? nil, let hi = bounds.last ?? nil, lo <= hi else {
                throw EcostressError(field: .landCoverClasses, "'\(part)' is not a class or a range like 3-6")
            }
            out.formUnion(lo...hi)
        }
        return out
    }

    /// Whether a sampled land-cover value (NaN = nodata or outside) masks the pixel.
    public func masks(_ value: Double) -> Bool {
        guard value.isFinite, let c = Int(exactly: value.rounded()) else { return true }
        return !classes.contains(c)
    }

    /// Land-cover values (NaN where nodata/outside) at world points given in the CRS `crsWKT`.
    func values(xs: [Double], ys: [Double], crsWKT: String?, path rasterPath: String) throws -> [Double] {
        guard let crsWKT else {
            throw RasterError(.crs, path: rasterPath, "has no CRS, so the land-cover raster cannot be matched to it")
        }
        let points = try PointSet(xs: xs, ys: ys, crsDefinition: crsWKT)
        let samples = try PointSampler(dataset: try Dataset.open(path)).sample(points, bands: [1])
        return samples.values[0]
    }
}
