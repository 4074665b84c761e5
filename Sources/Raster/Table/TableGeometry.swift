/// The geometry of one row, in the table's CRS.
public enum TableGeometry: Sendable, Equatable {
    /// A point.
    case point(x: Double, y: Double)
    /// A polygon without holes: its exterior ring as x, y vertex pairs (closed by the writer if open).
    case polygon(ring: [Double])

    /// The rectangle of a grid cell, counter-clockwise from its lower-left corner.
    public static func rectangle(minX: Double, minY: Double, maxX: Double, maxY: Double) -> TableGeometry {
        .polygon(ring: [minX, minY, maxX, minY, maxX, maxY, minX, maxY, minX, minY])
    }

    /// The geometry type this geometry belongs to.
    public var type: TableGeometryType {
        switch self {
        case .point: .point
        case .polygon: .polygon
        }
    }
}
