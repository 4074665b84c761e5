/// One row of a table: a value per column (in column order) and the geometry when the table has one.
public struct TableRow: Sendable, Equatable {
    public var values: [TableValue]
    public var geometry: TableGeometry?

    public init(_ values: [TableValue], geometry: TableGeometry? = nil) {
        self.values = values
        self.geometry = geometry
    }
}
