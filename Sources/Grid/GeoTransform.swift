/// GDAL's affine geotransform: six coefficients mapping pixel/line space to georeferenced space.
///
///     x = c0 + col·c1 + row·c2
///     y = c3 + col·c4 + row·c5
///
/// where (col, row) are continuous pixel coordinates: (0, 0) is the upper-left *corner* of the
/// upper-left pixel and (0.5, 0.5) its centre.
public struct GeoTransform: Hashable, Sendable, CustomStringConvertible {
    /// The coefficients in GDAL order: originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight.
    public var coefficients: (Double, Double, Double, Double, Double, Double) {
        (originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight)
    }
    public var originX: Double
    public var pixelWidth: Double
    public var rowRotation: Double
    public var originY: Double
    public var colRotation: Double
    /// Negative for north-up rasters.
    public var pixelHeight: Double

    public init(originX: Double, pixelWidth: Double, rowRotation: Double = 0,
                originY: Double, colRotation: Double = 0, pixelHeight: Double) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rowRotation = rowRotation
        self.originY = originY
        self.colRotation = colRotation
        self.pixelHeight = pixelHeight
    }

    /// From GDAL's 6-element array.
    public init(_ c: [Double]) {
        precondition(c.count == 6, "a geotransform has 6 coefficients")
        self.init(originX: c[0], pixelWidth: c[1], rowRotation: c[2],
                  originY: c[3], colRotation: c[4], pixelHeight: c[5])
    }

    /// The identity transform GDAL reports for rasters without georeferencing.
    public static let identity = GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: 1)

    /// GDAL's 6-element array.
    public var array: [Double] { [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight] }

    /// True when the raster has no rotation terms and rows run north to south.
    public var isNorthUp: Bool { rowRotation == 0 && colRotation == 0 && pixelHeight < 0 }

    /// The determinant of the linear part; zero means the transform cannot be inverted.
    public var determinant: Double { pixelWidth * pixelHeight - rowRotation * colRotation }

    /// World coordinates of continuous pixel coordinates (corner of pixel (0,0) is (0,0)).
    @inlinable
    public func world(col: Double, row: Double) -> (x: Double, y: Double) {
        (originX + col * pixelWidth + row * rowRotation, originY + col * colRotation + row * pixelHeight)
    }

    /// World coordinates of the centre of pixel (`col`, `row`).
    @inlinable
    public func center(col: Int, row: Int) -> (x: Double, y: Double) {
        world(col: Double(col) + 0.5, row: Double(row) + 0.5)
    }

    /// The inverse transform (world → pixel), or nil when the transform is degenerate.
    public var inverse: GeoTransform? {
        let det = determinant
        guard det != 0, det.isFinite else { return nil }
        let a = pixelHeight / det, b = -rowRotation / det
        let d = -colRotation / det, e = pixelWidth / det
        return GeoTransform(originX: -(a * originX + b * originY), pixelWidth: a, rowRotation: b,
                            originY: -(d * originX + e * originY), colRotation: d, pixelHeight: e)
    }

    /// Continuous pixel coordinates of a world point (nil for a degenerate transform).
    public func pixel(x: Double, y: Double) -> (col: Double, row: Double)? {
        guard let inv = inverse else { return nil }
        let p = inv.world(col: x, row: y)
        return (p.x, p.y)
    }

    /// The pixel containing a world point, GDAL's convention: coordinates are floored, so a
    /// point on a pixel corner belongs to the pixel to its lower right (as `gdallocationinfo`).
    public func pixelIndex(x: Double, y: Double) -> (col: Int, row: Int)? {
        guard let p = pixel(x: x, y: y), p.col.isFinite, p.row.isFinite else { return nil }
        return (Int(p.col.rounded(.down)), Int(p.row.rounded(.down)))
    }

    /// The transform of a sub-window: its origin moves to the window's upper-left corner.
    public func shifted(to window: Window) -> GeoTransform {
        let o = world(col: Double(window.col), row: Double(window.row))
        var g = self
        g.originX = o.x
        g.originY = o.y
        return g
    }

    /// The transform of the same area with pixels `factorX` × `factorY` times larger.
    public func scaled(byX factorX: Double, y factorY: Double) -> GeoTransform {
        GeoTransform(originX: originX, pixelWidth: pixelWidth * factorX, rowRotation: rowRotation * factorY,
                     originY: originY, colRotation: colRotation * factorX, pixelHeight: pixelHeight * factorY)
    }

    /// The axis-aligned extent (minX, minY, maxX, maxY) of a `width` × `height` raster.
    public func bounds(width: Int, height: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let corners = [world(col: 0, row: 0), world(col: Double(width), row: 0),
                       world(col: 0, row: Double(height)), world(col: Double(width), row: Double(height))]
        let xs = corners.map(\.x), ys = corners.map(\.y)
        return (xs.min()!, ys.min()!, xs.max()!, ys.max()!)
    }

    public static func == (l: GeoTransform, r: GeoTransform) -> Bool { l.array == r.array }
    public func hash(into h: inout Hasher) { h.combine(array) }

    public var description: String { "GeoTransform(\(array.map { "\($0)" }.joined(separator: ", ")))" }
}
