import GDALShim

/// Transforms coordinates between two CRSs (PROJ through GDAL), in traditional GIS axis order
/// (x = easting/longitude, y = northing/latitude). Not `Sendable`: create one per thread.
public final class CoordinateTransform {
    let handle: OGRCoordinateTransformationH
    public let source: SpatialReference
    public let target: SpatialReference

    public init(from source: SpatialReference, to target: SpatialReference) throws {
        GDALRuntime.resetError()
        guard let h = OCTNewCoordinateTransformation(source.handle, target.handle) else {
            throw RasterError(.transform, path: nil,
                              "no transformation from \(source.name) to \(target.name): "
                              + GDALRuntime.lastErrorMessage(or: "PROJ found none"))
        }
        self.handle = h
        self.source = source
        self.target = target
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// Transforms points in place. Returns, per point, whether it could be transformed; failed
    /// points are set to NaN (a point outside a projection's domain is not an error).
    @discardableResult
    public func transform(xs: inout [Double], ys: inout [Double]) -> [Bool] {
        precondition(xs.count == ys.count, "x and y arrays differ in length")
        let n = xs.count
        guard n > 0 else { return [] }
        var ok = [Int32](repeating: 0, count: n)
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                _ = OCTTransformEx(handle, Int32(n), x.baseAddress, y.baseAddress, nil, &ok)
            }
        }
        var result = [Bool](repeating: false, count: n)
        for i in 0..<n {
            result[i] = ok[i] != 0 && xs[i].isFinite && ys[i].isFinite
            if !result[i] { xs[i] = .nan; ys[i] = .nan }
        }
        return result
    }

    /// Transforms one point; nil when it cannot be transformed.
    public func transform(x: Double, y: Double) -> (x: Double, y: Double)? {
        var xs = [x], ys = [y]
        return transform(xs: &xs, ys: &ys)[0] ? (xs[0], ys[0]) : nil
    }
}

@available(*, unavailable, message: "a coordinate transformation is not thread-safe; create one per thread")
extension CoordinateTransform: Sendable {}
