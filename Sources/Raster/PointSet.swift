import Foundation

/// Points with coordinates in one CRS, and their coordinates in the CRSs of the rasters they are
/// sampled in. Each target CRS is transformed once (one batch call), however many rasters and
/// threads ask for it: the result is cached by the target's WKT. Thread-safe (`Sendable`); the
/// non-Sendable GDAL objects it needs are created inside each call.
public final class PointSet: @unchecked Sendable {
    /// Coordinates in `crsDefinition` (x = easting/longitude, y = northing/latitude).
    public let xs: [Double]
    public let ys: [Double]
    /// The CRS of `xs`/`ys` as the user gave it (`EPSG:4326`, WKT, PROJ string …).
    public let crsDefinition: String

    private let lock = NSLock()
    private var cache: [String: Result<Projected, RasterError>] = [:]

    /// Coordinates of the points in one raster CRS (NaN where the transform failed).
    public struct Projected: Sendable {
        public let xs: [Double]
        public let ys: [Double]
    }

    /// Checks that `crsDefinition` is a CRS GDAL understands (throws `RasterError(.crs)` if not).
    public init(xs: [Double], ys: [Double], crsDefinition: String) throws {
        precondition(xs.count == ys.count, "x and y arrays differ in length")
        _ = try SpatialReference(crsDefinition)
        self.xs = xs
        self.ys = ys
        self.crsDefinition = crsDefinition
    }

    public var count: Int { xs.count }

    /// The points in the CRS given as WKT (`rasterCRS`, usually `Dataset.crsWKT`). `path` names
    /// the raster in errors; a raster without CRS (`rasterCRS == nil`) is an error.
    public func projected(to rasterCRS: String?, path: String) throws -> Projected {
        guard let wkt = rasterCRS else {
            throw RasterError(.crs, path: path, "has no CRS, so points given in \(crsDefinition) cannot be placed on it")
        }
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[wkt] { return try cached.get() }
        let result: Result<Projected, RasterError>
        do {
            result = .success(try transform(to: wkt))
        } catch let e as RasterError {
            result = .failure(RasterError(e.kind, path: path, e.message))
        }
        cache[wkt] = result
        return try result.get()
    }

    private func transform(to wkt: String) throws -> Projected {
        let source = try SpatialReference(crsDefinition)
        let target = try SpatialReference(wkt: wkt)
        if source.isSame(as: target) { return Projected(xs: xs, ys: ys) }
        var x = xs, y = ys
        try CoordinateTransform(from: source, to: target).transform(xs: &x, ys: &y)
        return Projected(xs: x, ys: y)
    }
}
