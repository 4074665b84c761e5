/// The geometry a table's rows carry: none (a plain table), a point, or a polygon (e.g. a grid cell).
public enum TableGeometryType: String, Sendable, Equatable {
    case none, point, polygon
}
